//! Throughput of building a moderator and classifying a realistic generated corpus.
//!
//! The corpus mixes the comments a municipal page receives: thanks and questions, harsh civic
//! criticism, insults and vulgarity (some disguised), threats, personal data, spam with links,
//! personal cases; lengths from a few words to a long paragraph. Each benchmark checks its
//! answer once before measuring, so a broken fast path cannot win.

#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    missing_docs,
    reason = "a benchmark: indices into its own constant tables, and a panic is a failed run"
)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use galateo::{Comment, Decision, Kind, Moderator, Policy, Post};

const OPENINGS: &[&str] = &[
    "Buongiorno,",
    "Salve a tutti,",
    "Scusate ma",
    "Io dico solo che",
    "Ancora una volta",
    "Ma scherziamo?",
    "Ciao!",
    "",
];

const BODIES: &[(&str, bool)] = &[
    (
        "grazie per l'aggiornamento sui lavori in piazza, finalmente qualcosa si muove",
        false,
    ),
    (
        "a che ora apre l'ufficio anagrafe il sabato mattina? non trovo l'orario sul sito",
        false,
    ),
    (
        "vergogna, sono mesi che la strada davanti alla scuola è piena di buche e nessuno interviene",
        false,
    ),
    (
        "dimettetevi, incompetenti, avete distrutto il quartiere con questa viabilità assurda",
        false,
    ),
    (
        "lavori fatti male e soldi dei contribuenti buttati, pessima amministrazione davvero",
        false,
    ),
    (
        "il sindaco è un coglione e tutta la giunta una banda di idioti",
        true,
    ),
    (
        "ma che cazzo state facendo con i parcheggi del centro",
        true,
    ),
    ("assessore c0gl10n3 vai a casa", true),
    ("so dove abiti, te la faccio pagare prima o poi", true),
    (
        "per informazioni chiamate il 347 123 4567 oppure scrivete a mario.rossi@example.com",
        true,
    ),
    (
        "offerta imperdibile guadagna da casa, visita www.soldi-facili.example e scrivimi su whatsapp",
        true,
    ),
    (
        "mio figlio è in lista d'attesa per il nido da mesi, la mia pratica risulta ancora sospesa",
        true,
    ),
    ("You are all useless idiots, shame on this council", true),
    (
        "che bella iniziativa, ci saremo con tutta la famiglia domenica pomeriggio",
        false,
    ),
];

const CLOSINGS: &[&str] = &[
    "",
    " Saluti.",
    " Grazie.",
    "!!!",
    " 😡😡",
    " Buona giornata a tutti 🙂",
    "?",
];

/// A deterministic corpus: the same comments on every machine and run.
fn corpus(n: usize) -> Vec<String> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    (0..n)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..1 + next(3) {
                text.push_str(OPENINGS[next(OPENINGS.len())]);
                text.push(' ');
                text.push_str(BODIES[next(BODIES.len())].0);
                text.push_str(CLOSINGS[next(CLOSINGS.len())]);
                text.push(' ');
            }
            text.trim().to_owned()
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let policy = Policy::preset("comune-livorno").unwrap();
    let source = Policy::preset_source("comune-livorno").unwrap();

    c.bench_function("policy/load-preset", |b| {
        assert!(Policy::from_toml_str(source).is_ok());
        b.iter(|| Policy::from_toml_str(black_box(source)).unwrap())
    });

    c.bench_function("moderator/build", |b| {
        b.iter(|| Moderator::new(black_box(policy.clone())))
    });

    let moderator = Moderator::new(policy);
    // Every body on its own gives the decision its label promises.
    for (body, flagged) in BODIES {
        let decision = moderator.classify(body).decision();
        assert_eq!(decision > Decision::Publish, *flagged, "{body}: {decision}");
    }

    let short = "il sindaco è un coglione";
    c.bench_function("classify/short", |b| {
        b.iter(|| moderator.classify(black_box(short)))
    });

    // Off topic against a post. `none` and `compared` are one comment, alone and under a post
    // (a question, so it publishes either way): their difference is what comparing costs.
    // `off-topic` is found and judged; `new-post-each-time` reads the post every time instead
    // of once.
    let post = Post::new(
        "Lavori in via Grande",
        "Da lunedì 9 marzo iniziano i lavori di rifacimento dell'asfalto in via Grande, tra \
         piazza Cavour e largo Duomo. Il tratto sarà chiuso al traffico dalle 8 alle 18; \
         previste deviazioni per gli autobus delle linee 1 e 2.",
    );
    let other = Post::new(
        "Scuole chiuse per allerta meteo",
        "Domani le scuole resteranno chiuse.",
    );
    let chat = "La Juve ieri ha giocato malissimo, Allegri deve andarsene subito: con questo \
                centrocampo non vinciamo neanche contro le squadre di serie B";
    let asked = format!("{chat}?");
    let alone = Comment::new(asked.as_str());
    let compared = Comment::new(asked.as_str()).with_post(post.clone());
    let under = [
        Comment::new(chat).with_post(post.clone()),
        Comment::new(chat).with_post(other),
    ];
    assert_eq!(moderator.moderate(&alone).decision(), Decision::Publish);
    assert_eq!(moderator.moderate(&compared).decision(), Decision::Publish);
    for comment in &under {
        let verdict = moderator.moderate(comment);
        assert_eq!(verdict.decision(), Decision::Review);
        assert!(
            verdict
                .findings()
                .iter()
                .any(|f| f.kind() == Kind::OffTopic)
        );
    }
    let on_topic = Comment::new(
        "Speriamo che i lavori finiscano davvero entro le 18, altrimenti con il traffico \
         dell'ora di punta sarà un disastro per tutti quelli che lavorano in centro",
    )
    .with_post(post);
    assert_eq!(moderator.moderate(&on_topic).decision(), Decision::Publish);
    let mut group = c.benchmark_group("classify/post");
    group.bench_function("none", |b| b.iter(|| moderator.moderate(black_box(&alone))));
    group.bench_function("compared", |b| {
        b.iter(|| moderator.moderate(black_box(&compared)))
    });
    group.bench_function("off-topic", |b| {
        b.iter(|| moderator.moderate(black_box(&under[0])))
    });
    let mut turn = 0;
    group.bench_function("new-post-each-time", |b| {
        b.iter(|| {
            turn ^= 1;
            moderator.moderate(black_box(&under[turn]))
        })
    });
    group.finish();

    let texts = corpus(2_000);
    let bytes: usize = texts.iter().map(String::len).sum();
    let flagged = texts
        .iter()
        .filter(|t| moderator.classify(t).decision() > Decision::Publish)
        .count();
    assert!(
        flagged > texts.len() / 3 && flagged < texts.len(),
        "{flagged} of {} flagged",
        texts.len()
    );
    let mut group = c.benchmark_group("classify/corpus-2000");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("bytes", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|t| moderator.classify(black_box(t)).decision() > Decision::Publish)
                .count()
        })
    });
    group.finish();
}

/// Adversarial text at three sizes: the time per byte must not grow with the length, whatever
/// repeats (lexicon hits, rule prefixes that keep many threads alive, negators, plain words).
fn long_texts(c: &mut Criterion) {
    let moderator = Moderator::new(Policy::preset("comune-livorno").unwrap());
    let units: &[(&str, &str)] = &[
        ("insults", "idiota "),
        ("plain-words", "lavori in piazza del mercato "),
        ("threat-rule", "ti ammazzo "),
        ("group-prefix", "gli immigrati sono tutti quanti "),
        ("negators", "non mai "),
    ];
    for (name, unit) in units {
        let mut group = c.benchmark_group(format!("classify/long/{name}"));
        group.sample_size(10);
        for size in [64 << 10, 256 << 10, 1 << 20] {
            let text = unit.repeat(size / unit.len());
            let expect = moderator.classify(&text).decision();
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("{}KiB", size >> 10), |b| {
                b.iter(|| {
                    let v = moderator.classify(black_box(&text));
                    assert_eq!(v.decision(), expect);
                    v
                })
            });
        }
        group.finish();
    }
}

criterion_group!(classify, benches, long_texts);
criterion_main!(classify);
