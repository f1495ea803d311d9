//! Tokenize against the real server: by method (word with the default `en` stopwords, field,
//! ASCII folding, a collection's stopwords, named presets) and by a derived collection's property
//! (its tokenization, analyzer and the collection's stopwords), and the refusals.

mod common;

use weaviate_orm::schema::{StopwordConfig, StopwordPreset, TextAnalyzerConfig, Tokenization};
use weaviate_orm::tokenize::Tokens;
use weaviate_orm::{Error, WeaviateCollection};

fn tokens(indexed: &[&str], query: &[&str]) -> Tokens {
    Tokens {
        indexed: indexed.iter().map(|s| s.to_string()).collect(),
        query: query.iter().map(|s| s.to_string()).collect(),
    }
}

#[tokio::test]
async fn tokenize_by_method() {
    let client = common::client().await;
    let text = "The Quick brown-fox";
    assert_eq!(
        client.tokenize(text, Tokenization::Word).await.unwrap(),
        tokens(
            &["the", "quick", "brown", "fox"],
            &["quick", "brown", "fox"]
        ),
        "word: split on non-alphanumerics, lower-cased; `the` is an `en` stopword"
    );
    assert_eq!(
        client.tokenize(text, Tokenization::Field).await.unwrap(),
        tokens(&[text], &[text])
    );
    assert_eq!(
        client
            .tokenize(text, Tokenization::Whitespace)
            .await
            .unwrap(),
        tokens(
            &["The", "Quick", "brown-fox"],
            &["The", "Quick", "brown-fox"]
        )
    );
    let folded = client
        .tokenize("École Über", Tokenization::Word)
        .analyzer(TextAnalyzerConfig {
            ascii_fold: Some(true),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(folded, tokens(&["ecole", "uber"], &["ecole", "uber"]));
    let own = client
        .tokenize("the a b", Tokenization::Word)
        .stopwords(StopwordConfig {
            preset: Some(StopwordPreset::None),
            additions: Some(vec!["b".into()]),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(own, tokens(&["the", "a", "b"], &["the", "a"]));
    let preset = client
        .tokenize("le chat la souris", Tokenization::Word)
        .analyzer(TextAnalyzerConfig {
            stopword_preset: Some(StopwordPreset::Other("fr".into())),
            ..Default::default()
        })
        .stopword_presets([("fr", vec!["le", "la"])])
        .await
        .unwrap();
    assert_eq!(
        preset,
        tokens(&["le", "chat", "la", "souris"], &["chat", "souris"])
    );
}

#[derive(WeaviateCollection, Debug)]
#[weaviate(
    name = "TokenizeArticle",
    inverted_index(stopwords(preset = none, additions = ["brown"]))
)]
struct Article {
    title: String,
    #[weaviate(tokenization = field)]
    slug: String,
    #[weaviate(text_analyzer(ascii_fold))]
    author: String,
    views: i64,
}

#[tokio::test]
async fn tokenize_with_a_propertys_settings() {
    let client = common::client().await;
    let name = common::unique("TokenizeArticle");
    let mut config = Article::collection_config();
    config.name = name.clone();
    client.collections().create(&config).await.unwrap();
    let articles = client.collection(&name).typed::<Article>();
    let f = Article::fields();
    let text = "The Quick brown-fox";

    // Word tokenization with the collection's stopwords: no `en` list, `brown` added.
    assert_eq!(
        articles.config().tokenize(f.title, text).await.unwrap(),
        tokens(&["the", "quick", "brown", "fox"], &["the", "quick", "fox"])
    );
    assert_eq!(
        articles.config().tokenize(f.slug, text).await.unwrap(),
        tokens(&[text], &[text])
    );
    assert_eq!(
        articles
            .config()
            .tokenize(f.author, "Zoë Brontë")
            .await
            .unwrap(),
        tokens(&["zoe", "bronte"], &["zoe", "bronte"])
    );
    // By name through the untyped handle.
    assert_eq!(
        client
            .collection(&name)
            .config()
            .tokenize("slug", "a b")
            .await
            .unwrap(),
        tokens(&["a b"], &["a b"])
    );

    // A property without tokenization, and a missing property: the server's refusals.
    let err = articles.config().tokenize(f.views, "12").await.unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { message, .. } if message.contains("tokenization is not enabled")),
        "{err:?}"
    );
    let err = client
        .collection(&name)
        .config()
        .tokenize("nothing", "x")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let client = common::offline_client().await;
    let err = client
        .tokenize("x", Tokenization::Word)
        .stopwords(StopwordConfig::default())
        .stopword_presets([("fr", vec!["le"])])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    let err = client
        .collection("Any")
        .config()
        .tokenize("Not A Property", "x")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
}
