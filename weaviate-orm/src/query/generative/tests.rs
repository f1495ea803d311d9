//! The generative requests the builders send, against what Weaviate 1.39 reads
//! (`adapters/handlers/grpc/v1/generative/parser.go`: `single` / `grouped` with their first
//! provider, `uses_127_api` for `GenerativeResult` replies).

use uuid::Uuid;

use super::*;
use crate::Error;
use crate::query::tests::client;
use crate::typed::test_support::Author;
use crate::wire::v1 as pb;
use pb::generative_provider::Kind;

fn invalid(e: Error) -> String {
    match e {
        Error::InvalidInput { message } => message,
        e => panic!("expected InvalidInput, got {e:?}"),
    }
}

#[tokio::test]
async fn single_and_grouped_with_one_provider_for_both() {
    let client = client().await;
    let r = client
        .collection("Article")
        .query()
        .bm25("rust")
        .limit(3)
        .generate(
            Generate::single("Title: {title}")
                .grouped_task("Summarize")
                .grouped_properties(["title", "body"])
                .provider(OpenAi::new().model("standin-chat").temperature(0.5))
                .return_metadata()
                .debug(),
        )
        .to_request()
        .unwrap();
    assert!(r.uses_127_api, "GenerativeResult replies need the 1.27 API");
    let g = r.generative.unwrap();
    let single = g.single.unwrap();
    assert_eq!(single.prompt, "Title: {title}");
    assert!(single.debug);
    let grouped = g.grouped.unwrap();
    assert_eq!(grouped.task, "Summarize");
    assert_eq!(grouped.properties.unwrap().values, ["title", "body"]);
    assert!(grouped.debug);
    for queries in [&single.queries, &grouped.queries] {
        assert_eq!(queries.len(), 1);
        assert!(queries[0].return_metadata);
        let Some(Kind::Openai(o)) = &queries[0].kind else {
            panic!("{queries:?}")
        };
        assert_eq!(o.model.as_deref(), Some("standin-chat"));
        assert_eq!(o.temperature, Some(0.5));
    }
    #[allow(deprecated)]
    {
        assert!(g.single_response_prompt.is_empty() && g.grouped_response_task.is_empty());
    }
    assert_eq!(r.limit, 3);
}

#[tokio::test]
async fn without_provider_or_properties_nothing_extra_is_sent() {
    let client = client().await;
    let r = client
        .collection("Article")
        .query()
        .fetch_objects()
        .generate(Generate::grouped("Summarize"))
        .to_request()
        .unwrap();
    let g = r.generative.unwrap();
    assert!(g.single.is_none());
    let grouped = g.grouped.unwrap();
    assert!(grouped.properties.is_none(), "none: the server takes all");
    assert!(grouped.queries.is_empty() && !grouped.debug);
}

#[tokio::test]
async fn typed_prompts_are_checked_against_the_collection() {
    let client = client().await;
    let q = client.collection_of::<Author>().query();
    let r = q
        .near_vector(vec![1.0, 0.0])
        .generate(
            Generate::single(crate::prompt!(Author, "Who is {name}?"))
                .grouped_task(Prompt::<Author>::new("List {name}s").unwrap()),
        )
        .to_request()
        .unwrap();
    let g = r.generative.unwrap();
    assert_eq!(g.single.unwrap().prompt, "Who is {name}?");
    assert_eq!(g.grouped.unwrap().task, "List {name}s");

    let e = Prompt::<Author>::new("Who is {nickname}?").unwrap_err();
    assert_eq!(
        invalid(e),
        "prompt: `{nickname}` is not a property of `Author` (its properties: name, mentor)"
    );
}

#[tokio::test]
async fn refused_prompts_fail_the_search_before_sending() {
    let client = client().await;
    let q = client.collection("Article").query();
    let e = q
        .fetch_objects()
        .generate(Generate::single("Title: {title"))
        .to_request()
        .unwrap_err();
    assert!(invalid(e).starts_with("prompt: unclosed `{`"));

    // Awaited: the same refusal, and no connection attempted (the client points nowhere).
    let e = q
        .fetch_objects()
        .generate(Generate::grouped("{}"))
        .await
        .unwrap_err();
    assert!(invalid(e).starts_with("prompt: empty placeholder"));

    let e = q
        .fetch_objects()
        .generate(Generate::grouped("ok").grouped_properties(["not a name"]))
        .to_request()
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}");

    let e = q
        .fetch_objects()
        .generate(Generate::grouped("ok").return_metadata())
        .to_request()
        .unwrap_err();
    assert!(invalid(e).contains("return_metadata needs a provider"));
}

#[tokio::test]
async fn modifiers_after_generate_and_group_by() {
    let client = client().await;
    let q = client.collection("Article").query();
    let r = q
        .near_text("x")
        .generate(Generate::single("{title}"))
        .group_by("topic", 2, 3)
        .limit(9)
        .to_request()
        .unwrap();
    let g = r.group_by.unwrap();
    assert_eq!(
        (g.path, g.number_of_groups, g.objects_per_group),
        (vec!["topic".to_owned()], 2, 3)
    );
    assert_eq!(r.limit, 9);
    assert!(r.generative.unwrap().single.is_some());

    // group_by first, then generate: the same request
    let r2 = q
        .near_text("x")
        .group_by("topic", 2, 3)
        .generate(Generate::single("{title}"))
        .limit(9)
        .to_request()
        .unwrap();
    assert_eq!(r2.group_by, Some(g_wire("topic", 2, 3)));
    assert_eq!(r2.limit, 9);

    let id = Uuid::from_u128(5);
    let r = q
        .fetch_object_by_id(id)
        .generate(Generate::single("{title}"))
        .to_request()
        .unwrap();
    assert_eq!(r.limit, 1);
    assert!(r.generative.is_some());

    let r = q
        .fetch_objects()
        .generate(Generate::single("{title}").provider(Dummy::new()))
        .sort(crate::query::Sort::asc("title"))
        .to_request()
        .unwrap();
    assert_eq!(r.sort_by.len(), 1);
    let single = r.generative.unwrap().single.unwrap();
    assert!(matches!(single.queries[0].kind, Some(Kind::Dummy(_))));
    assert!(!single.queries[0].return_metadata);
}

fn g_wire(path: &str, groups: i32, per_group: i32) -> pb::GroupBy {
    pb::GroupBy {
        path: vec![path.to_owned()],
        number_of_groups: groups,
        objects_per_group: per_group,
    }
}

#[test]
fn replies_decode_per_object_and_grouped() {
    let result = |text: &str| pb::SearchResult {
        generative: Some(pb::GenerativeResult {
            values: vec![pb::GenerativeReply {
                result: text.into(),
                ..Default::default()
            }],
        }),
        ..Default::default()
    };
    assert_eq!(single_text(&result("a")).unwrap().text, "a");
    #[allow(deprecated)]
    let old = pb::SearchResult {
        metadata: Some(pb::MetadataResult {
            generative: "old".into(),
            generative_present: true,
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(single_text(&old).unwrap().text, "old");
    assert_eq!(single_text(&pb::SearchResult::default()), None);

    #[allow(deprecated)]
    let reply = pb::SearchReply {
        generative_grouped_result: Some(String::new()),
        generative_grouped_results: Some(pb::GenerativeResult {
            values: vec![pb::GenerativeReply {
                result: "all".into(),
                ..Default::default()
            }],
        }),
        ..Default::default()
    };
    assert_eq!(grouped_text(&reply).unwrap().text, "all");
    #[allow(deprecated)]
    let grouped_by = pb::SearchReply {
        generative_grouped_result: Some("groups".into()),
        ..Default::default()
    };
    assert_eq!(grouped_text(&grouped_by).unwrap().text, "groups");
    #[allow(deprecated)]
    let none = pb::SearchReply {
        generative_grouped_result: Some(String::new()),
        ..Default::default()
    };
    assert_eq!(grouped_text(&none), None);
}
