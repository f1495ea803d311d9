//! Tenant management against the real server: create (in several requests when there are many), list,
//! read, exists, activity changes and their effect on reads, delete; and the errors, with the server's
//! messages kept, or refused before any request.

mod common;

use weaviate_orm::tenants::{TENANTS_PER_REQUEST, Tenant, TenantActivity};
use weaviate_orm::{Error, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "TenantsNote", multi_tenancy)]
struct Note {
    #[weaviate(key)]
    text: String,
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "TenantsPlain")]
struct Plain {
    text: String,
}

fn names(tenants: &[Tenant]) -> Vec<&str> {
    tenants.iter().map(|t| t.name.as_str()).collect()
}

#[tokio::test]
async fn tenants_are_created_listed_changed_and_deleted() {
    let client = common::client().await;
    common::recreate_derived::<Note>(&client).await;
    let tenants = client.collection(Note::NAME).tenants();
    assert!(tenants.list().await.unwrap().is_empty());

    tenants.create(["alice", "bob"]).await.unwrap();
    tenants
        .create([Tenant::new("carol").activity(TenantActivity::Inactive)])
        .await
        .unwrap();
    // Creating an existing tenant again changes nothing.
    tenants.create(["alice"]).await.unwrap();
    let all = tenants.list().await.unwrap();
    assert_eq!(
        all,
        [
            Tenant::new("alice"),
            Tenant::new("bob"),
            Tenant::new("carol").activity(TenantActivity::Inactive)
        ]
    );
    assert_eq!(
        tenants.get("carol").await.unwrap(),
        Some(Tenant::new("carol").activity(TenantActivity::Inactive))
    );
    assert_eq!(tenants.get("dave").await.unwrap(), None);
    assert!(tenants.exists("bob").await.unwrap());
    assert!(!tenants.exists("dave").await.unwrap());
    let some = tenants.get_many(["carol", "alice", "dave"]).await.unwrap();
    assert_eq!(names(&some), ["alice", "carol"]);

    tenants.deactivate(["alice", "bob"]).await.unwrap();
    tenants.activate(["carol"]).await.unwrap();
    tenants
        .update([Tenant::new("bob").activity(TenantActivity::Active)])
        .await
        .unwrap();
    let all = tenants.list().await.unwrap();
    assert_eq!(
        all,
        [
            Tenant::new("alice").activity(TenantActivity::Inactive),
            Tenant::new("bob"),
            Tenant::new("carol")
        ]
    );

    // Deleting a name that is not a tenant is not an error (as on the server).
    tenants.delete(["alice", "nobody"]).await.unwrap();
    assert_eq!(names(&tenants.list().await.unwrap()), ["bob", "carol"]);
}

#[tokio::test]
async fn many_tenants_go_in_several_requests() {
    let client = common::client().await;
    let mut config = Note::collection_config();
    config.name = common::unique("TenantsMany");
    common::recreate(&client, &config).await;
    let tenants = client.collection(&config.name).tenants();
    let count = 2 * TENANTS_PER_REQUEST + 50;
    let wanted: Vec<String> = (0..count).map(|i| format!("t{i:04}")).collect();
    tenants.create(wanted.clone()).await.unwrap();
    let listed = tenants.list().await.unwrap();
    assert_eq!(names(&listed), wanted);
    assert!(listed.iter().all(|t| t.activity == TenantActivity::Active));
    tenants.deactivate(wanted.clone()).await.unwrap();
    let listed = tenants.list().await.unwrap();
    assert!(
        listed
            .iter()
            .all(|t| t.activity == TenantActivity::Inactive),
        "{listed:?}"
    );
    tenants.delete(wanted).await.unwrap();
    assert!(tenants.list().await.unwrap().is_empty());
    client.collections().delete(&config.name).await.unwrap();
}

#[tokio::test]
async fn an_inactive_tenant_keeps_its_objects_but_refuses_reads_until_activated() {
    let client = common::client().await;
    let mut config = Note::collection_config();
    config.name = common::unique("TenantsActivity");
    common::recreate(&client, &config).await;
    let collection = client.collection(&config.name);
    collection.tenants().create(["erin"]).await.unwrap();
    let erin = collection.with_tenant("erin");
    let report = erin
        .typed::<Note>()
        .batch()
        .insert_many((0..20).map(|i| Note {
            text: format!("note {i}"),
        }))
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    let query = erin.typed::<Note>().query();
    assert_eq!(common::fetch_all(&query).await.len(), 20);

    collection.tenants().deactivate(["erin"]).await.unwrap();
    let err = query.fetch_objects().limit(5).await.unwrap_err();
    assert!(
        err.to_string().contains("erin") && err.to_string().to_lowercase().contains("not active"),
        "the server's message: {err}"
    );

    collection.tenants().activate(["erin"]).await.unwrap();
    assert_eq!(common::fetch_all(&query).await.len(), 20);
    client.collections().delete(&config.name).await.unwrap();
}

#[tokio::test]
async fn refusals_keep_the_servers_message_and_bad_input_sends_nothing() {
    let client = common::client().await;
    common::recreate_derived::<Plain>(&client).await;
    let mut config = Note::collection_config();
    config.name = common::unique("TenantsErrors");
    common::recreate(&client, &config).await;
    let tenants = client.collection(&config.name).tenants();
    tenants.create(["frank"]).await.unwrap();

    let err = tenants.offload(["frank"]).await.unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { status: weaviate_orm::Status::Http(422), message } if message.contains("offload")),
        "{err:?}"
    );
    let err = tenants.activate(["ghost"]).await.unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { message, .. } if message.contains("ghost")),
        "{err:?}"
    );
    let err = client
        .collection(Plain::NAME)
        .tenants()
        .create(["x"])
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("multi-tenancy is not enabled"),
        "{err:?}"
    );
    let err = client
        .collection(Plain::NAME)
        .tenants()
        .list()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("multi-tenancy is not enabled"),
        "{err:?}"
    );

    // Bad names and server-only statuses are refused before any request: a client whose server is
    // down says InvalidInput, not a connection error.
    let down = common::offline_client().await;
    let offline = down.collection(Note::NAME).tenants();
    for err in [
        offline.create(["no spaces"]).await.unwrap_err(),
        offline.delete(["x".repeat(65)]).await.unwrap_err(),
        offline
            .update([Tenant::new("t").activity(TenantActivity::Onloading)])
            .await
            .unwrap_err(),
        offline.get("a/b").await.unwrap_err(),
    ] {
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    }
    client.collections().delete(&config.name).await.unwrap();
}
