use std::time::Instant;
fn main() {
    let json = std::fs::read_to_string("/tmp/p20.json").unwrap();
    let p = medcheck::profile::from_json(&json).unwrap();
    let n: u32 = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(20000);
    let t = Instant::now();
    for _ in 0..n { std::hint::black_box(medcheck::check(&p)); }
    println!("check: {:?}", t.elapsed() / n);
}
