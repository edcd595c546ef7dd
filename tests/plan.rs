//! The medication action plan: steps merged and ordered by urgency, monitoring for each
//! finding that names something to watch, follow-up dates from `today`, review questions and
//! burden counts.

use medcheck::plan::{When, Who};

fn report(json: &str) -> medcheck::report::Report {
    medcheck::check_json(json).expect("valid profile")
}

#[test]
fn actions_are_merged_by_person_and_urgency_and_ordered() {
    let r = report(
        r#"{"today":"2026-11-28","age":78,"conditions":["heart failure"],"medications":[
        {"name":"warfarin"},{"name":"ibuprofen 400 mg"},{"name":"naproxen"},{"name":"sertraline"},
        {"name":"phenelzine"}]}"#,
    );
    let actions = &r.plan.as_ref().expect("plan").actions;
    assert!(!actions.is_empty());
    // Ordered: today before this week before the next visit.
    let whens: Vec<When> = actions.iter().map(|a| a.when).collect();
    let mut sorted = whens.clone();
    sorted.sort();
    assert_eq!(whens, sorted);
    assert_eq!(
        actions[0].when,
        When::Today,
        "phenelzine + sertraline is contraindicated"
    );
    assert_eq!(
        actions[0].due.map(|d| d.to_string()).as_deref(),
        Some("2026-11-28")
    );
    // Merged: one step per (when, who), naming several findings.
    let week_pharmacist = actions
        .iter()
        .find(|a| a.when == When::ThisWeek && a.who == Who::Pharmacist)
        .unwrap();
    assert!(week_pharmacist.findings.len() >= 2);
    assert!(week_pharmacist
        .step
        .starts_with("Talk to your pharmacist this week about:"));
    assert_eq!(
        week_pharmacist.due.map(|d| d.to_string()).as_deref(),
        Some("2026-12-05")
    );
    assert!(
        actions.iter().any(|a| a.who == Who::Doctor),
        "the heart-failure caution goes to the doctor"
    );
    // Every finding above minor is behind exactly one action.
    let mut behind: Vec<usize> = actions
        .iter()
        .flat_map(|a| a.findings.iter().copied())
        .collect();
    behind.sort_unstable();
    let expected: Vec<usize> = r
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.severity != medcheck::report::Severity::Minor)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(behind, expected);
}

#[test]
fn monitoring_follow_up_and_review_prompts() {
    let r = report(
        r#"{"today":"2026-11-28","age":80,"medications":[
        {"name":"warfarin 5 mg"},{"name":"ibuprofen 200 mg","frequency":"twice daily","start":"2026-08-01"},
        {"name":"omeprazole 20 mg","frequency":"once daily","start":"2026-01-05"},
        {"name":"zolpidem 5 mg","frequency":"at bedtime","start":"2026-10-01"}]}"#,
    );
    let p = r.plan.as_ref().expect("plan");
    let stools = p
        .monitoring
        .iter()
        .find(|m| m.what.contains("stools"))
        .expect("bleeding signs are monitored");
    assert!(stools.medications.contains(&0) && stools.medications.contains(&1));
    let days: Vec<i32> = p.follow_up.iter().map(|f| f.in_days).collect();
    assert!(days.contains(&7) && days.contains(&365), "{days:?}");
    assert_eq!(
        p.follow_up
            .last()
            .unwrap()
            .date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2027-11-28")
    );
    let whys: Vec<&str> = p.review_prompts.iter().map(|q| q.why).collect();
    assert!(
        whys.contains(&"long-term"),
        "omeprazole for 46 weeks and zolpidem for 8 weeks: {whys:?}"
    );
    assert!(
        whys.contains(&"otc-daily"),
        "ibuprofen every day for 17 weeks: {whys:?}"
    );
    assert!(whys.contains(&"older-adult"));
    assert!(
        p.review_prompts.iter().all(|q| q.question.ends_with('?')),
        "prompts are questions"
    );
    assert!(p
        .review_prompts
        .iter()
        .all(|q| !q.question.to_lowercase().starts_with("stop")));
    let mut questions: Vec<&str> = p
        .review_prompts
        .iter()
        .map(|q| q.question.as_str())
        .collect();
    let n = questions.len();
    questions.sort_unstable();
    questions.dedup();
    assert_eq!(questions.len(), n, "no question is asked twice");
}

#[test]
fn no_today_means_no_dates_but_a_yearly_review() {
    let r = report(r#"{"medications":[{"name":"lisinopril"}]}"#);
    assert!(r.plan.as_ref().expect("plan").actions.is_empty());
    assert_eq!(r.plan.as_ref().expect("plan").follow_up.len(), 1);
    assert_eq!(r.plan.as_ref().expect("plan").follow_up[0].in_days, 365);
    assert!(r.plan.as_ref().expect("plan").follow_up[0].date.is_none());
}

#[test]
fn burden_counts_name_their_medicines() {
    let r = report(
        r#"{"medications":[{"name":"oxybutynin"},{"name":"paroxetine"},{"name":"citalopram"},
        {"name":"ondansetron"},{"name":"oxycodone"},{"name":"warfarin"}]}"#,
    );
    let b = r.burden.as_ref().expect("burden");
    assert!(
        b.anticholinergic.count >= 6,
        "ACB oxybutynin 3 + paroxetine 3"
    );
    assert!(b.anticholinergic_scale.contains("ACB"));
    assert_eq!(
        b.qt_prolonging.count as usize,
        b.qt_prolonging.ingredients.len()
    );
    assert!(
        b.qt_prolonging.ingredients.contains(&"citalopram")
            && b.qt_prolonging.ingredients.contains(&"ondansetron")
    );
    assert!(b.serotonergic.ingredients.contains(&"paroxetine"));
    assert!(b.cns_depressants.ingredients.contains(&"oxycodone"));
    assert!(b.bleeding_risk.ingredients.contains(&"warfarin"));
}

#[test]
fn goals_follow_the_medicines_on_the_list() {
    let r = report(
        r#"{"medications":[{"name":"warfarin"},{"name":"Tylenol"},{"name":"lisinopril"},{"name":"metformin"}]}"#,
    );
    let goals: Vec<&str> = r
        .plan
        .as_ref()
        .expect("plan")
        .goals
        .iter()
        .map(|g| g.goal)
        .collect();
    assert!(goals.iter().any(|g| g.contains("INR")), "{goals:?}");
    assert!(goals
        .iter()
        .any(|g| g.contains("4,000 mg of acetaminophen")));
    assert!(goals.iter().any(|g| g.contains("Blood pressure")));
    assert!(goals.iter().any(|g| g.contains("HbA1c")));
    let inr = r
        .plan
        .as_ref()
        .expect("plan")
        .goals
        .iter()
        .find(|g| g.goal.contains("INR"))
        .unwrap();
    assert_eq!(inr.medications, vec![0]);
    assert!(report(r#"{"medications":[{"name":"cetirizine"}]}"#)
        .plan
        .expect("plan")
        .goals
        .is_empty());
}

/// A 16-medicine older-adult profile (heart failure, atrial fibrillation, diabetes, falls) and
/// the whole plan expected for it.
#[test]
fn older_adult_with_sixteen_medicines() {
    let r = report(&std::fs::read_to_string("tests/data/older-adult-16.json").expect("profile"));
    assert!(r.medications.iter().all(|m| m.recognized));
    let p = r.plan.as_ref().expect("plan");

    // Steps: this week first (pharmacist, then doctor), then the next visit; dates from today.
    let steps: Vec<(When, Who, String)> = p
        .actions
        .iter()
        .map(|a| {
            (
                a.when,
                a.who,
                a.due.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        vec![
            (When::ThisWeek, Who::Pharmacist, "2026-12-05".to_owned()),
            (When::ThisWeek, Who::Doctor, "2026-12-05".to_owned()),
            (When::NextVisit, Who::Pharmacist, "2026-12-28".to_owned()),
            (When::NextVisit, Who::Doctor, "2026-12-28".to_owned()),
        ]
    );
    let serious: Vec<&str> = p.actions[..2]
        .iter()
        .flat_map(|a| a.findings.iter().map(|&i| r.findings[i].rule.as_ref()))
        .collect();
    for rule in [
        "anticoagulant-nsaid",
        "heart-failure-nsaid",
        "falls-sedative",
    ] {
        assert!(
            serious.contains(&rule),
            "{rule} among this week's steps: {serious:?}"
        );
    }

    // Goals for warfarin, acetaminophen, blood pressure, diabetes and cholesterol.
    let goals: Vec<&str> = p.goals.iter().map(|g| g.goal).collect();
    for word in ["INR", "acetaminophen", "Blood pressure", "HbA1c", "LDL"] {
        assert!(
            goals.iter().any(|g| g.contains(word)),
            "goal about {word}: {goals:?}"
        );
    }

    // Monitoring includes bleeding signs on warfarin and potassium for the ACE inhibitor with
    // spironolactone.
    let watch: Vec<&str> = p.monitoring.iter().map(|m| m.what).collect();
    assert!(watch.iter().any(|w| w.contains("stools")), "{watch:?}");
    assert!(
        watch.iter().any(|w| w.to_lowercase().contains("potassium")),
        "{watch:?}"
    );

    let follow: Vec<(i32, String)> = p
        .follow_up
        .iter()
        .map(|f| (f.in_days, f.date.map(|d| d.to_string()).unwrap_or_default()))
        .collect();
    assert_eq!(
        follow,
        vec![
            (7, "2026-12-05".to_owned()),
            (30, "2026-12-28".to_owned()),
            (365, "2027-11-28".to_owned())
        ]
    );

    // Questions: Beers medicines, long-term omeprazole and zolpidem, daily over-the-counter use,
    // and oxybutynin with no urinary condition listed and no reason given.
    let prompts: Vec<(&str, Vec<usize>)> = p
        .review_prompts
        .iter()
        .map(|q| (q.why, q.medications.clone()))
        .collect();
    for expected in [
        ("long-term", vec![9]),
        ("long-term", vec![10]),
        ("otc-daily", vec![13]),
        ("older-adult", vec![12]),
        ("no-reason", vec![14]),
    ] {
        assert!(prompts.contains(&expected), "{expected:?} in {prompts:?}");
    }

    // Burden figures.
    let b = r.burden.as_ref().expect("burden");
    assert_eq!(b.anticholinergic.count, 11);
    assert_eq!(
        b.cns_depressants.ingredients,
        vec!["diphenhydramine", "zolpidem"]
    );
    assert_eq!(
        b.bleeding_risk.ingredients,
        vec!["fish oil", "ibuprofen", "sertraline", "warfarin"]
    );
    assert_eq!(b.serotonergic.count, 1);
    assert_eq!(b.qt_prolonging.count, 0);
}

#[test]
fn a_medicine_with_no_stated_reason_and_no_matching_condition_prompts_a_question() {
    let whys = |json: &str| -> Vec<(String, &'static str)> {
        report(json)
            .plan
            .expect("plan")
            .review_prompts
            .into_iter()
            .map(|q| (q.question, q.why))
            .collect()
    };
    let asked = whys(
        r#"{"conditions":["high blood pressure"],"medications":[{"name":"lisinopril"},
        {"name":"atorvastatin"},{"name":"levothyroxine","reason":"thyroid"},{"name":"metoprolol"}]}"#,
    );
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!(asked[0].1, "no-reason");
    assert!(
        asked[0].0.starts_with("What is atorvastatin for?"),
        "{asked:?}"
    );
    // A listed condition it treats, a stated reason, or no conditions at all: no question.
    assert!(
        whys(r#"{"conditions":["high cholesterol"],"medications":[{"name":"atorvastatin"}]}"#)
            .is_empty()
    );
    assert!(whys(r#"{"conditions":["asthma"],"medications":[{"name":"atorvastatin","reason":"cholesterol"}]}"#).is_empty());
    assert!(whys(r#"{"medications":[{"name":"atorvastatin"},{"name":"omeprazole"}]}"#).is_empty());
    // Medicines with many uses (here a beta-blocker) are never asked about.
    assert!(whys(r#"{"conditions":["asthma"],"medications":[{"name":"metoprolol"}]}"#).is_empty());
}

#[test]
fn monitoring_says_how_often() {
    let r = report(
        r#"{"medications":[{"name":"lisinopril"},{"name":"spironolactone"},{"name":"warfarin"},
        {"name":"ibuprofen"},{"name":"lithium"}]}"#,
    );
    let monitoring = &r.plan.as_ref().expect("plan").monitoring;
    let interval = |what: &str| {
        monitoring
            .iter()
            .find(|m| m.what == what)
            .unwrap_or_else(|| panic!("{what} is monitored: {monitoring:?}"))
            .interval
    };
    assert!(interval("INR").contains("1 to 4 weeks"));
    assert!(interval("lithium level").contains("twice a week"));
    assert!(interval("potassium level").starts_with("Soon after starting"));
    assert!(interval("black or bloody stools").starts_with("Watch for it"));
    assert!(monitoring.iter().all(|m| !m.interval.is_empty()));
}
