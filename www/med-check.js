// The one script a host page loads: registers <med-check>. See README "Embedding".
import { MedCheckElement } from './med-check-element.js';

if (!customElements.get('med-check')) customElements.define('med-check', MedCheckElement);
