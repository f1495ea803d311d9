//! Generative search (RAG) against the real server: Weaviate's generative-dummy module, and its
//! generative-openai module talking to the loopback OpenAI stand-in (`scripts/embedder.py`), which
//! answers every chat completion with `standin(<model>): <last user message>` and records the
//! requests it gets, so the tests assert both what the module sent (the interpolated prompt, the
//! grouped task with its properties, every per-query option) and what came back to the caller.
//! Also text2vec-openai vectorizing through the stand-in, with an exact near-text order.
//!
//! The model is `standin-chat`: Weaviate has no token table for it (for known OpenAI models the
//! module downloads a BPE file, which fails offline).

mod common;

use serde_json::{Value, json};
use uuid::Uuid;
use weaviate_orm::prompt;
use weaviate_orm::query::generative::{
    Dummy, Generate, GenerativeMetadata, OpenAi, Prompt, TokenUsage,
};
use weaviate_orm::schema::CollectionConfig;
use weaviate_orm::{Client, Error, WeaviateCollection};

/// Books with a vector the test brings (squared euclidean distance), answered by generative-openai
/// (its base URL set at run time).
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "GenBook",
    vector(name = "v", dimensions = 2, index = flat(distance = l2_squared)),
    generative = generative_openai(model = "standin-chat"),
)]
struct Book {
    #[weaviate(id)]
    id: Uuid,
    #[weaviate(tokenization = word)]
    title: String,
    genre: String,
    #[weaviate(vector = "v")]
    v: Vec<f32>,
}

/// Notes answered by generative-dummy.
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "GenNote", generative = generative_dummy)]
struct Note {
    #[weaviate(id)]
    id: Uuid,
    text: String,
}

/// Multi-tenant notes answered by generative-dummy.
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "GenTenantNote", multi_tenancy, generative = generative_dummy)]
struct TenantNote {
    #[weaviate(id)]
    id: Uuid,
    text: String,
}

/// Phrases vectorized by text2vec-openai through the stand-in (bigram vectors), answered by
/// generative-openai through it too.
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "GenPhrase",
    vector(name = "t", source = [title],
           vectorizer = text2vec_openai(model = "standin-embed", vectorize_class_name = false, base_url = "http://127.0.0.1:9"),
           index = hnsw(distance = cosine)),
    generative = generative_openai(model = "standin-chat"),
)]
struct Phrase {
    #[weaviate(id)]
    id: Uuid,
    title: String,
}

const DUMMY_BEFORE: &str = "You want me to generate something based on the following prompt: ";
const DUMMY_AFTER: &str =
    ". With settings: . I'm sorry, I'm just a dummy and can't generate anything.";

fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x6e47_0000_0000_4000_8000_0000_0000_0000 + n)
}

fn standin(text: &str) -> String {
    format!("standin(standin-chat): {text}")
}

fn dummy(prompt: &str) -> String {
    format!("{DUMMY_BEFORE}{prompt}{DUMMY_AFTER}")
}

/// `config` under a unique name, its generative-openai settings (when it has them) pointed at
/// `base_url`; created. Returns the name.
async fn create(client: &Client, mut config: CollectionConfig, base_url: &str) -> String {
    config.name = common::unique(&config.name);
    if let Some(("generative-openai", settings)) = config.generative_module() {
        let mut settings = settings.clone();
        settings["baseURL"] = json!(base_url);
        config = config.generative("generative-openai", settings);
    }
    client.collections().create(&config).await.unwrap();
    config.name
}

/// Imports `objects` into collection `name` as `T`s and checks that every one arrived.
async fn insert<T: WeaviateCollection + Send + 'static>(
    client: &Client,
    name: &str,
    objects: Vec<T>,
) {
    let report = client
        .collection(name)
        .typed::<T>()
        .batch()
        .insert_many(objects)
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
}

/// Three books whose titles carry `run` (the marker of this test's requests at the stand-in):
/// at squared distances 1, 4, 9 from the origin.
async fn books(client: &Client, base_url: &str) -> (String, String) {
    let name = create(client, Book::collection_config(), base_url).await;
    let run = common::unique("run");
    let books = [
        (format!("{run} dune"), "scifi", 1.0),
        (format!("{run} emma"), "classic", 2.0),
        (format!("{run} solaris"), "scifi", 3.0),
    ];
    let books = books.iter().enumerate().map(|(i, (title, genre, x))| Book {
        id: id(i as u128 + 1),
        title: title.clone(),
        genre: (*genre).into(),
        v: vec![*x, 0.0],
    });
    insert(client, &name, books.collect()).await;
    (name, run)
}

fn body(request: &Value) -> &Value {
    assert_eq!(request["path"], "/v1/chat/completions", "{request}");
    &request["body"]
}

/// The text of the (only) user message of a recorded chat completion.
fn user_message(request: &Value) -> String {
    let messages = body(request)["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 1, "{request}");
    assert_eq!(messages[0]["role"], "user");
    messages[0]["content"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn openai_single_and_grouped_send_every_option_and_return_the_texts() {
    let client = common::client().await;
    let url = common::standin_url();
    // The collection's base URL leads nowhere: only the per-query base_url reaches the stand-in.
    let (name, run) = books(&client, "http://127.0.0.1:9").await;
    let f = Book::fields();
    let nearest_two = client
        .collection(&name)
        .typed::<Book>()
        .query()
        .near_vector(vec![0.0, 0.0])
        .limit(2);
    let out = nearest_two
        .clone()
        .generate(
            Generate::single(prompt!(Book, "Summarize {title} ({genre})"))
                .grouped_task(prompt!(Book, "Compare these books"))
                .grouped_properties([f.title])
                .provider(
                    OpenAi::new()
                        .model("standin-chat")
                        .temperature(0.2)
                        .top_p(0.9)
                        .max_tokens(64)
                        .n(2)
                        .stop(["STOP"])
                        .frequency_penalty(0.1)
                        .presence_penalty(0.3)
                        .base_url(&url),
                )
                .return_metadata()
                .debug(),
        )
        .await
        .unwrap();

    let ids: Vec<Uuid> = out.objects.iter().map(|g| g.id).collect();
    assert_eq!(ids, [id(1), id(2)]);
    let prompts = [
        format!("Summarize {run} dune (scifi)"),
        format!("Summarize {run} emma (classic)"),
    ];
    assert_eq!(out.texts(), [standin(&prompts[0]), standin(&prompts[1])]);
    assert_eq!(out.objects[0].title, format!("{run} dune"));
    let first = out.objects[0].generated.as_ref().unwrap();
    assert_eq!(first.full_prompt.as_deref(), Some(prompts[0].as_str()));
    // The stand-in counts words: 4 in the prompt, 5 in the answer.
    assert_eq!(
        first.metadata,
        Some(GenerativeMetadata::OpenAi(TokenUsage {
            prompt_tokens: Some(4),
            completion_tokens: Some(5),
            total_tokens: Some(9),
        }))
    );
    let task =
        format!(r#"Compare these books: [{{"title":"{run} dune"}},{{"title":"{run} emma"}}]"#);
    let grouped = out.grouped.as_ref().unwrap();
    assert_eq!(grouped.text, standin(&task));
    // With both parts, the server reports the first object's debug and metadata for the grouped
    // text too (the single prompt's result overwrites the task's in the object's `_additional`).
    assert_eq!(grouped.full_prompt.as_deref(), Some(prompts[0].as_str()));
    assert_eq!(grouped.metadata, first.metadata);

    // The grouped task alone: its own full prompt and usage (3 + 2 words per title in the prompt).
    let alone = nearest_two
        .generate(
            Generate::grouped(prompt!(Book, "Compare these books"))
                .grouped_properties([f.title])
                .provider(OpenAi::new().model("standin-chat").base_url(&url))
                .return_metadata()
                .debug(),
        )
        .await
        .unwrap();
    assert!(alone.objects.iter().all(|g| g.generated.is_none()));
    let grouped = alone.grouped.unwrap();
    assert_eq!(grouped.text, standin(&task));
    assert_eq!(grouped.full_prompt.as_deref(), Some(task.as_str()));
    let words = task.split_whitespace().count() as i64;
    assert_eq!(
        grouped.metadata.and_then(|m| m.usage()),
        Some(TokenUsage {
            prompt_tokens: Some(words),
            completion_tokens: Some(words + 1),
            total_tokens: Some(2 * words + 1),
        })
    );

    let requests = common::standin_requests(&run).await;
    let mut sent: Vec<String> = requests.iter().map(user_message).collect();
    sent.sort();
    let mut expected = vec![prompts[0].clone(), prompts[1].clone(), task.clone(), task];
    expected.sort();
    assert_eq!(sent, expected);
    // The first three came with every option (the last, the task alone, with the model only).
    let with_options = requests.iter().take(3);
    for r in with_options {
        let b = body(r);
        assert_eq!(b["model"], "standin-chat");
        assert_eq!(b["temperature"], 0.2);
        assert_eq!(b["top_p"], 0.9);
        assert_eq!(b["max_completion_tokens"], 64);
        assert_eq!(b["n"], 2);
        assert_eq!(b["stop"], json!(["STOP"]));
        assert_eq!(b["frequency_penalty"], 0.1);
        assert_eq!(b["presence_penalty"], 0.3);
        assert_eq!(
            r["headers"]["authorization"], "Bearer sk-weaviate-orm-standin",
            "{r}"
        );
    }
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn openai_generates_on_every_search_kind_with_the_collections_settings() {
    let client = common::client().await;
    let (name, run) = books(&client, &common::standin_url()).await;
    let q = client.collection(&name).typed::<Book>().query();
    let title = || Generate::single(prompt!(Book, "Title {title}"));
    let expect = |n: &str| standin(&format!("Title {run} {n}"));

    // fetch: id order
    let out = q.fetch_objects().generate(title()).await.unwrap();
    assert_eq!(
        out.texts(),
        [expect("dune"), expect("emma"), expect("solaris")]
    );
    assert!(out.grouped.is_none());

    // bm25
    let out = q.bm25("solaris").generate(title()).await.unwrap();
    assert_eq!(out.texts(), [expect("solaris")]);

    // hybrid: keyword "emma" and the vector nearest to emma's
    let out = q
        .hybrid("emma")
        .vector(vec![2.0, 0.0])
        .limit(1)
        .generate(title())
        .await
        .unwrap();
    assert_eq!(out.texts(), [expect("emma")]);

    // by ids: in the order given
    let out = q
        .fetch_objects_by_ids([id(3), id(1)])
        .generate(title().grouped_task(prompt!(Book, "Both")))
        .await
        .unwrap();
    assert_eq!(out.texts(), [expect("solaris"), expect("dune")]);
    let grouped = out.grouped_text().unwrap();
    assert!(
        grouped.starts_with(&standin("Both: [")) && grouped.contains(&format!("{run} solaris")),
        "{grouped}"
    );

    // by id
    let one = q
        .fetch_object_by_id(id(2))
        .generate(title())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((one.id, one.text()), (id(2), expect("emma").as_str()));
    let none = q.fetch_object_by_id(id(9)).generate(title()).await.unwrap();
    assert!(none.is_none());

    // near_vector grouped by genre: the prompt once per group, the task over all
    let grouped = q
        .near_vector(vec![0.0, 0.0])
        .generate(title().grouped_task(prompt!(Book, "Genres")))
        .group_by(Book::fields().genre, 2, 3)
        .await
        .unwrap();
    let names: Vec<&str> = grouped.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["scifi", "classic"]);
    let scifi = grouped.group("scifi").unwrap();
    let members: Vec<Uuid> = scifi.objects.iter().map(|h| h.id).collect();
    assert_eq!(members, [id(1), id(3)]);
    assert_eq!(
        scifi.generated.as_ref().map(|g| g.text.as_str()),
        Some(expect("dune").as_str())
    );
    assert_eq!(
        grouped
            .group("classic")
            .unwrap()
            .generated
            .as_ref()
            .map(|g| g.text.clone()),
        Some(expect("emma"))
    );
    let task = grouped.grouped.as_ref().unwrap();
    assert!(
        task.text.starts_with(&standin("Genres: [")),
        "{}",
        task.text
    );

    // every prompt above reached the stand-in with the collection's model
    let requests = common::standin_requests(&run).await;
    assert!(requests.len() >= 11, "{}", requests.len());
    assert!(requests.iter().all(|r| body(r)["model"] == "standin-chat"));
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn untyped_searches_take_string_prompts_and_properties() {
    let client = common::client().await;
    let (name, run) = books(&client, &common::standin_url()).await;
    let out = client
        .collection(&name)
        .query()
        .near_vector(vec![3.0, 0.0])
        .limit(1)
        .generate(
            Generate::single("{title} is {genre}")
                .grouped_task(String::from("Describe"))
                .grouped_properties(["genre"]),
        )
        .await
        .unwrap();
    assert_eq!(out.objects[0].id, id(3));
    assert_eq!(out.texts(), [standin(&format!("{run} solaris is scifi"))]);
    assert_eq!(
        out.grouped_text(),
        Some(standin(r#"Describe: [{"genre":"scifi"}]"#).as_str())
    );
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn dummy_module_answers_single_and_grouped() {
    let client = common::client().await;
    let name = create(&client, Note::collection_config(), "").await;
    let notes = ["alpha", "beta"].iter().enumerate().map(|(i, t)| Note {
        id: id(i as u128 + 1),
        text: (*t).into(),
    });
    insert(&client, &name, notes.collect()).await;

    let out = client
        .collection(&name)
        .typed::<Note>()
        .query()
        .fetch_objects()
        .generate(
            Generate::single(prompt!(Note, "Note: {text}"))
                .grouped_task(prompt!(Note, "All notes"))
                // The server reads no options from a dummy provider: the collection's module runs.
                .provider(Dummy::new()),
        )
        .await
        .unwrap();
    assert_eq!(out.texts(), [dummy("Note: alpha"), dummy("Note: beta")]);
    assert_eq!(
        out.grouped_text(),
        Some(dummy(r#"All notes: [{"text":"alpha"},{"text":"beta"}]"#).as_str())
    );
    // Dummy gives no debug output.
    assert_eq!(out.objects[0].generated.as_ref().unwrap().full_prompt, None);
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn a_tenant_scoped_handle_generates_from_its_tenants_objects() {
    let client = common::client().await;
    let name = create(&client, TenantNote::collection_config(), "").await;
    let collection = client.collection(&name);
    collection.tenants().create(["ann", "bob"]).await.unwrap();
    for (tenant, text) in [("ann", "ann's note"), ("bob", "bob's note")] {
        let report = collection
            .with_tenant(tenant)
            .typed::<TenantNote>()
            .batch()
            .insert_many([TenantNote {
                id: id(1),
                text: text.into(),
            }])
            .await
            .unwrap();
        assert!(report.is_success(), "{:?}", report.errors);
    }
    let out = collection
        .with_tenant("bob")
        .typed::<TenantNote>()
        .query()
        .fetch_objects()
        .generate(Generate::single(prompt!(TenantNote, "Read {text}")))
        .await
        .unwrap();
    assert_eq!(out.texts(), [dummy("Read bob's note")]);
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn refused_generations_keep_the_servers_message() {
    let client = common::client().await;
    let (name, _run) = books(&client, &common::standin_url()).await;
    let q = client.collection(&name).typed::<Book>().query();

    // The provider cannot be reached: the module's error comes back.
    let e = q
        .fetch_objects()
        .generate(
            Generate::single(prompt!(Book, "{title}"))
                .provider(OpenAi::new().base_url("http://127.0.0.1:9")),
        )
        .await
        .unwrap_err();
    let message = e.to_string();
    assert!(
        message.contains("127.0.0.1:9") && message.contains("connection refused"),
        "{e:?}"
    );
    assert!(e.status().is_some(), "a server answer: {e:?}");

    // A property without a value cannot fill the prompt.
    let empty = create(&client, Book::collection_config(), &common::standin_url()).await;
    let untitled = Book {
        id: id(1),
        title: "untitled".into(),
        genre: String::new(),
        v: vec![0.0, 0.0],
    };
    insert(&client, &empty, vec![untitled]).await;
    let e = client
        .collection(&empty)
        .typed::<Book>()
        .query()
        .fetch_objects()
        .generate(Generate::single(prompt!(Book, "{genre}")))
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("Following property has empty value: 'genre'"),
        "{e:?}"
    );

    // Metadata of a provider the server reports none of (dummy): refused by the server.
    let e = q
        .fetch_objects()
        .generate(
            Generate::single(prompt!(Book, "{title}"))
                .provider(Dummy::new())
                .return_metadata(),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("not supported"), "{e:?}");

    // A run-time prompt naming no property of the struct is refused before sending.
    let e = Prompt::<Book>::new("{author}").unwrap_err();
    assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}");
    for n in [name, empty] {
        client.collections().delete(&n).await.unwrap();
    }
}

/// text2vec-bigram's vector of `text` (what the stand-in computes): lower-cased bytes, pair counts
/// at (b1 % 26) * 26 + b2 % 26, divided by the number of pairs.
fn bigram(text: &str) -> Vec<f64> {
    let bytes = text.to_lowercase().into_bytes();
    let mut v = vec![0.0; 26 * 26];
    for w in bytes.windows(2) {
        v[(w[0] as usize % 26) * 26 + w[1] as usize % 26] += 1.0;
    }
    let total: f64 = v.iter().sum();
    v.iter().map(|x| x / total).collect()
}

fn cosine_distance(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
    1.0 - dot / (norm(a) * norm(b))
}

#[tokio::test]
async fn text2vec_openai_through_the_standin_orders_near_text_exactly() {
    let client = common::client().await;
    let url = common::standin_url();
    let mut config = Phrase::collection_config();
    let vectorizer = config
        .vector_config
        .get_mut("t")
        .unwrap()
        .vectorizer
        .as_mut()
        .unwrap();
    vectorizer.settings["baseURL"] = json!(url);
    let name = create(&client, config, &url).await;
    let phrases = [
        "the cat sat on the mat",
        "a dog barked at the mailman",
        "cats and kittens",
        "quantum physics lecture",
        "the cathedral bells",
    ];
    // One by one: text2vec-openai's batch path counts tokens with a BPE file it downloads, which
    // fails offline (the server panics); single inserts vectorize without it.
    let data = client.collection(&name).typed::<Phrase>().data();
    for (i, t) in phrases.iter().enumerate() {
        data.insert(Phrase {
            id: id(i as u128 + 1),
            title: (*t).into(),
        })
        .await
        .unwrap();
    }

    let query = "Cat";
    let mut expected: Vec<(Uuid, f64)> = phrases
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                id(i as u128 + 1),
                cosine_distance(&bigram(t), &bigram(query)),
            )
        })
        .collect();
    expected.sort_by(|a, b| a.1.total_cmp(&b.1));
    for pair in expected.windows(2) {
        assert!(pair[1].1 - pair[0].1 > 1e-3, "no ties: {expected:?}");
    }

    let hits = client
        .collection(&name)
        .typed::<Phrase>()
        .query()
        .near_text(query)
        .return_metadata(weaviate_orm::query::MetadataQuery::default().distance())
        .await
        .unwrap();
    let got: Vec<Uuid> = hits.iter().map(|h| h.id).collect();
    let want: Vec<Uuid> = expected.iter().map(|e| e.0).collect();
    assert_eq!(got, want);
    for (hit, (_, d)) in hits.iter().zip(&expected) {
        let distance = f64::from(hit.metadata.distance.unwrap());
        assert!((distance - d).abs() < 1e-4, "{distance} vs {d}");
    }
    // The embeddings went through the stand-in's OpenAI route.
    let embedded = common::standin_requests("cathedral bells").await;
    assert!(
        embedded.iter().any(|r| r["path"] == "/v1/embeddings"),
        "{embedded:?}"
    );

    // near_text with generation on top: the nearest phrase, answered through the stand-in.
    let out = client
        .collection(&name)
        .typed::<Phrase>()
        .query()
        .near_text(query)
        .limit(2)
        .generate(Generate::single(prompt!(Phrase, "Rhyme on {title}")))
        .await
        .unwrap();
    let texts: Vec<String> = expected[..2]
        .iter()
        .map(|(i, _)| {
            let n = phrases[(i.as_u128() - id(1).as_u128()) as usize];
            standin(&format!("Rhyme on {n}"))
        })
        .collect();
    assert_eq!(out.texts(), texts);
    client.collections().delete(&name).await.unwrap();
}
