//! RBAC against the real server started with `scripts/weaviate start ... --rbac`: roles with typed
//! permissions of every resource read back exactly, database users made by the tests themselves
//! with a read-only role on one collection (reads work, writes and other collections are
//! `Forbidden` with the server's message on REST and gRPC), key rotation, deactivation and
//! activation (`Unauthorized` with the server's message), group assignments and the current user.

mod common;

use serde_json::json;
use uuid::Uuid;
use weaviate_orm::data::NewObject;
use weaviate_orm::prelude::*;
use weaviate_orm::rbac::{
    Action, GroupAssignment, GroupType, Permission, Permissions, Resource, Role, RoleScope,
    UserAssignment, UserType,
};
use weaviate_orm::schema::{CollectionConfig, DataType, Property};
use weaviate_orm::{ClientBuilder, Error, Secret};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "RbacArticle")]
struct Article {
    #[weaviate(id)]
    id: Uuid,
    title: String,
}

/// A client authenticated with `key`, without start-up checks: the first call is the one refused.
async fn as_key(key: &Secret) -> Client {
    let (http, grpc, _) = common::rbac_server();
    ClientBuilder::custom(&http, &grpc)
        .api_key(key.clone())
        .skip_init_checks(true)
        .build()
        .await
        .unwrap()
}

/// The articles, read over gRPC as `client`'s user.
async fn read_articles(client: &Client) -> weaviate_orm::Result<Vec<Article>> {
    let hits = client
        .collection_of::<Article>()
        .query()
        .fetch_objects()
        .await?;
    Ok(hits.into_iter().map(|h| h.object).collect())
}

/// The one role `name` holding exactly `permissions`, as a list of roles read back.
fn only(name: &str, permissions: &Permissions) -> Vec<Role> {
    vec![Role {
        name: name.to_owned(),
        permissions: permissions.clone(),
    }]
}

/// A lower-case, unique name (user ids and role names).
fn name(prefix: &str) -> String {
    common::unique(prefix).to_lowercase()
}

#[track_caller]
fn assert_forbidden<T: std::fmt::Debug>(result: weaviate_orm::Result<T>, user: &str, action: &str) {
    match result {
        Err(Error::Forbidden { message }) => {
            assert!(
                message.contains("forbidden") && message.contains(user) && message.contains(action),
                "the server's message names the user and the action: {message}"
            );
        }
        other => panic!("expected Forbidden for {action}, got {other:?}"),
    }
}

#[track_caller]
fn assert_unauthorized<T: std::fmt::Debug>(result: weaviate_orm::Result<T>) {
    match result {
        Err(Error::Unauthorized { message }) => {
            assert!(
                !message.is_empty() && !message.contains("without a message"),
                "{message}"
            );
        }
        other => panic!("expected Unauthorized, got {other:?}"),
    }
}

fn every_resource(collection: &str) -> Permissions {
    Permissions::new()
        .with(
            Permission::collections()
                .collection(collection)
                .create()
                .read()
                .update()
                .delete(),
        )
        .with(
            Permission::tenants()
                .collection(collection)
                .tenant("t*")
                .create()
                .read()
                .update()
                .delete(),
        )
        .with(
            Permission::data()
                .collection(collection)
                .tenant("t1")
                .object("*")
                .create()
                .read()
                .update()
                .delete(),
        )
        .with(Permission::backups().collection(collection).manage())
        .with(Permission::cluster().read())
        .with(Permission::nodes().read())
        .with(Permission::nodes().collection(collection).read())
        .with(
            Permission::roles()
                .role("rbac-test-*")
                .scope(RoleScope::All)
                .read(),
        )
        .with(
            Permission::roles()
                .role("other-*")
                .create()
                .update()
                .delete(),
        )
        .with(
            Permission::users()
                .user("rbac-user-*")
                .create()
                .read()
                .update()
                .delete()
                .assign_and_revoke(),
        )
        .with(
            Permission::groups()
                .group("analysts")
                .read()
                .assign_and_revoke(),
        )
        .with(
            Permission::replicate()
                .collection(collection)
                .shard("*")
                .create()
                .read()
                .update()
                .delete(),
        )
        .with(
            Permission::aliases()
                .collection(collection)
                .alias("current*")
                .create()
                .read()
                .update()
                .delete(),
        )
        .with(Permission::namespaces().namespace("*").manage())
        .with(Permission::mcp().create().read().update())
}

#[tokio::test]
async fn roles_hold_exactly_the_permissions_of_every_resource() {
    let root = common::rbac_client().await;
    let roles = root.roles();
    let role = name("rbac-test-every");
    // Lower-case collection patterns are stored capitalised, as the builder sends them.
    let perms = every_resource("rbacEvery");
    assert_eq!(perms.len(), 39);
    assert!(
        perms
            .iter()
            .all(|p| !matches!(p.action(), Action::Other(_)))
    );

    assert!(!roles.exists(&role).await.unwrap());
    assert_eq!(roles.get(&role).await.unwrap(), None);
    roles.create(&role, &perms).await.unwrap();
    let back = roles.get(&role).await.unwrap().expect("the role exists");
    assert_eq!(back.name, role);
    assert_eq!(back.permissions, perms);
    assert!(back.permissions.iter().any(|p| p.resource()
        == &Resource::Collections {
            collection: "RbacEvery".into()
        }));
    assert!(roles.exists(&role).await.unwrap());

    // Again: a conflict with the server's message.
    match roles.create(&role, Permission::cluster().read()).await {
        Err(Error::AlreadyExists { message }) => assert!(message.contains(&role), "{message}"),
        other => panic!("unexpected {other:?}"),
    }

    let listed = roles.list().await.unwrap();
    let names: Vec<&str> = listed.iter().map(|r| r.name.as_str()).collect();
    for builtin in ["admin", "root", "viewer"] {
        assert!(names.contains(&builtin), "{names:?}");
    }
    assert_eq!(
        listed.iter().find(|r| r.name == role).unwrap().permissions,
        perms
    );
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "sorted: {names:?}");

    // has_permission: held, not held, several.
    assert!(
        roles
            .has_permission(&role, Permission::cluster().read())
            .await
            .unwrap()
    );
    assert!(
        roles
            .has_permission(
                &role,
                Permission::data()
                    .collection("rbacEvery")
                    .tenant("t1")
                    .read()
                    .delete()
            )
            .await
            .unwrap()
    );
    assert!(
        !roles
            .has_permission(&role, Permission::data().collection("Elsewhere").read())
            .await
            .unwrap()
    );
    assert!(
        !roles
            .has_permission(
                &role,
                Permissions::new()
                    .with(Permission::cluster().read())
                    .with(Permission::backups().collection("Elsewhere").manage())
            )
            .await
            .unwrap()
    );

    // add and remove, read back exactly.
    let extra = Permission::data().collection("RbacExtra").read();
    roles.add_permissions(&role, extra.clone()).await.unwrap();
    let with_extra = perms.clone().with(extra.clone());
    assert_eq!(
        roles.get(&role).await.unwrap().unwrap().permissions,
        with_extra
    );
    let removed = Permissions::new()
        .with(Permission::mcp().create().read().update())
        .with(Permission::namespaces().manage())
        .with(extra);
    roles.remove_permissions(&role, &removed).await.unwrap();
    let expected: Permissions = with_extra
        .iter()
        .filter(|p| !removed.contains(p))
        .cloned()
        .collect();
    assert_eq!(expected.len(), perms.len() - 4);
    assert_eq!(
        roles.get(&role).await.unwrap().unwrap().permissions,
        expected
    );

    // A role emptied of its permissions stays, empty.
    roles.remove_permissions(&role, &expected).await.unwrap();
    let emptied = roles
        .get(&role)
        .await
        .unwrap()
        .expect("an emptied role is kept");
    assert!(emptied.permissions.is_empty(), "{:?}", emptied.permissions);

    roles.delete(&role).await.unwrap();
    assert!(!roles.exists(&role).await.unwrap());
    // Deleting what is not there succeeds; changing it is NotFound naming the role.
    roles.delete(&role).await.unwrap();
    match roles
        .add_permissions(&role, Permission::cluster().read())
        .await
    {
        Err(Error::NotFound { message }) => assert!(message.contains(&role), "{message}"),
        other => panic!("unexpected {other:?}"),
    }
    // The server lists no holders of a role that does not exist (no 404).
    assert!(roles.user_assignments(&role).await.unwrap().is_empty());
    // Built-in roles are refused with the server's message.
    match roles.delete("admin").await {
        Err(Error::Rejected { message, .. }) => assert!(message.contains("built-in"), "{message}"),
        other => panic!("unexpected {other:?}"),
    }
    assert!(matches!(
        roles.get("").await,
        Err(Error::InvalidInput { .. })
    ));
}

#[tokio::test]
async fn the_root_user_reads_itself() {
    let root = common::rbac_client().await;
    let (_, _, key) = common::rbac_server();
    let me = root.users().my_user().await.unwrap();
    assert!(!me.username.is_empty());
    assert!(me.groups.is_empty());
    let names: Vec<&str> = me.roles.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["root"]);
    let root_role = &me.roles[0];
    // The root role holds every action of the server (MCP and namespaces included).
    let actions: std::collections::BTreeSet<&Action> =
        root_role.permissions.iter().map(|p| p.action()).collect();
    for action in Action::ALL {
        assert!(actions.contains(action), "root lacks {action}");
    }
    assert_eq!(root.roles().mine().await.unwrap(), me.roles);
    // The root user is an environment user: listed, not deletable.
    let listed = root.users().db().list().await.unwrap();
    let env_user = listed
        .iter()
        .find(|u| u.user_id == me.username)
        .expect("root is listed");
    assert_eq!(env_user.user_type, UserType::DbEnv);
    assert!(env_user.active);
    assert!(matches!(
        root.users().db().delete(&me.username).await,
        Err(Error::Rejected { .. })
    ));
    assert!(!format!("{:?}", Secret::new(key.clone())).contains(&key));
}

#[tokio::test]
async fn a_read_only_user_reads_one_collection_and_is_refused_the_rest() {
    let root = common::rbac_client().await;
    common::recreate_derived::<Article>(&root).await;
    let articles = root.collection_of::<Article>();
    let article = Article {
        id: Uuid::new_v4(),
        title: "hello".into(),
    };
    articles.data().insert(article.clone()).await.unwrap();
    let other_name = common::unique("RbacOther");
    common::recreate(
        &root,
        &CollectionConfig::new(&other_name).property(Property::new("title", DataType::Text)),
    )
    .await;
    let other_id = root
        .collection(&other_name)
        .data()
        .insert(NewObject::new(json!({"title": "secret"})).unwrap())
        .await
        .unwrap();

    let role = name("rbac-test-reader");
    let reader = Permissions::new()
        .with(Permission::data().collection_of::<Article>().read())
        .with(Permission::collections().collection_of::<Article>().read());
    root.roles().create(&role, &reader).await.unwrap();

    let users = root.users().db();
    let user = name("rbac-user-reader");
    assert_eq!(users.get(&user).await.unwrap(), None);
    let key = users.create(&user).await.unwrap();
    assert_eq!(format!("{key:?}"), "Secret(***)");
    assert!(
        matches!(users.create(&user).await, Err(Error::AlreadyExists { message }) if message.contains(&user))
    );
    users.assign_roles(&user, &[&role]).await.unwrap();

    let info = users.get(&user).await.unwrap().expect("the user exists");
    assert_eq!(info.user_id, user);
    assert_eq!(info.user_type, UserType::Db);
    assert!(info.active);
    assert_eq!(info.roles, vec![role.clone()]);
    assert!(info.created_at.is_some());
    assert_eq!(
        info.api_key_first_letters.as_deref(),
        Some(&key.expose()[..3])
    );
    assert!(
        users
            .list()
            .await
            .unwrap()
            .iter()
            .any(|u| u.user_id == user)
    );
    assert_eq!(users.roles(&user).await.unwrap(), only(&role, &reader));
    assert_eq!(
        root.roles().user_assignments(&role).await.unwrap(),
        [UserAssignment {
            user_id: user.clone(),
            user_type: UserType::Db
        }]
    );

    // As the user: its own view.
    let as_user = common::rbac_client_with(&key).await;
    let me = as_user.users().my_user().await.unwrap();
    assert_eq!(me.username, user);
    assert_eq!(me.roles, only(&role, &reader));

    // Reading works, over gRPC and REST.
    let mine = as_user.collection_of::<Article>();
    assert_eq!(
        read_articles(&as_user).await.unwrap(),
        vec![article.clone()]
    );
    assert_eq!(
        mine.data().get(article.id).await.unwrap(),
        Some(article.clone())
    );

    // Writing is refused (REST single object, gRPC batch), with the server's message.
    let new = Article {
        id: Uuid::new_v4(),
        title: "nope".into(),
    };
    assert_forbidden(mine.data().insert(new.clone()).await, &user, "create_data");
    match mine.batch().insert_many([new.clone()]).await {
        Err(e) => assert_forbidden::<()>(Err(e), &user, "create_data"),
        Ok(report) => {
            assert!(!report.is_success(), "the batch was refused: {report}");
            assert!(
                report
                    .errors
                    .iter()
                    .all(|e| e.message.contains("forbidden")),
                "{:?}",
                report.errors
            );
        }
    }
    assert_forbidden(mine.data().delete(article.id).await, &user, "delete_data");
    assert_eq!(read_articles(&root).await.unwrap(), vec![article.clone()]);

    // Another collection is refused, on gRPC search and REST get; so is the schema.
    let theirs = as_user.collection(&other_name);
    assert_forbidden(
        theirs.query().fetch_objects().limit(5).await,
        &user,
        "read_data",
    );
    assert_forbidden(theirs.data().get(other_id).await, &user, "read_data");
    assert_forbidden(
        as_user.collections().get(&other_name).await,
        &user,
        "read_collections",
    );
    // Listing roles shows only those the user may read: none.
    assert!(as_user.roles().list().await.unwrap().is_empty());
    assert_forbidden(
        as_user
            .roles()
            .create(&name("rbac-test-x"), Permission::cluster().read())
            .await,
        &user,
        "create_roles",
    );
    assert_forbidden(
        as_user.users().db().create(&name("rbac-user-x")).await,
        &user,
        "create_users",
    );

    // A rotated key: the old one is refused, the new one works.
    let new_key = users.rotate_key(&user).await.unwrap();
    assert_ne!(new_key, key);
    assert_unauthorized(read_articles(&as_key(&key).await).await);
    let with_new = as_key(&new_key).await;
    assert_eq!(
        read_articles(&with_new).await.unwrap(),
        vec![article.clone()]
    );

    // Deactivated: refused until activated again; twice is a no-op.
    assert!(users.deactivate(&user, false).await.unwrap());
    assert!(!users.deactivate(&user, false).await.unwrap());
    assert!(!users.get(&user).await.unwrap().unwrap().active);
    assert_unauthorized(with_new.users().my_user().await);
    assert_unauthorized(read_articles(&with_new).await);
    assert!(users.activate(&user).await.unwrap());
    assert!(!users.activate(&user).await.unwrap());
    assert_eq!(with_new.users().my_user().await.unwrap().username, user);

    // Deactivated with its key revoked: activation alone does not bring the key back.
    assert!(users.deactivate(&user, true).await.unwrap());
    assert!(users.activate(&user).await.unwrap());
    assert_unauthorized(with_new.users().my_user().await);
    let third_key = users.rotate_key(&user).await.unwrap();
    assert_eq!(
        as_key(&third_key)
            .await
            .users()
            .my_user()
            .await
            .unwrap()
            .username,
        user
    );

    // Revoked role: reads are refused too.
    users.revoke_roles(&user, &[&role]).await.unwrap();
    assert!(users.roles(&user).await.unwrap().is_empty());
    assert!(
        root.roles()
            .user_assignments(&role)
            .await
            .unwrap()
            .is_empty()
    );
    assert_forbidden(
        as_key(&third_key)
            .await
            .collection_of::<Article>()
            .query()
            .fetch_objects()
            .await,
        &user,
        "read_data",
    );

    // Unknown users and roles.
    assert!(matches!(
        users.assign_roles(&user, &["no-such-role"]).await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        users.assign_roles(&name("rbac-user-none"), &[&role]).await,
        Err(Error::NotFound { .. })
    ));
    assert!(
        matches!(users.rotate_key(&name("rbac-user-none")).await, Err(Error::NotFound { message }) if message.contains("rbac-user-none"))
    );

    assert!(users.delete(&user).await.unwrap());
    assert_eq!(users.get(&user).await.unwrap(), None);
    assert!(!users.delete(&user).await.unwrap());
    assert_unauthorized(as_key(&third_key).await.users().my_user().await);
    root.roles().delete(&role).await.unwrap();
    root.collections().delete(&other_name).await.unwrap();
}

#[tokio::test]
async fn groups_hold_roles() {
    let root = common::rbac_client().await;
    let role = name("rbac-test-group");
    let perms = Permissions::from(Permission::aliases().collection("RbacGroups").read());
    root.roles().create(&role, &perms).await.unwrap();
    let group = name("rbac-analysts");
    let groups = root.groups();
    groups.assign_roles(&group, &[&role]).await.unwrap();
    assert!(groups.known_group_names().await.unwrap().contains(&group));
    assert_eq!(groups.roles(&group).await.unwrap(), only(&role, &perms));
    assert_eq!(
        root.roles().group_assignments(&role).await.unwrap(),
        [GroupAssignment {
            group_id: group.clone(),
            group_type: GroupType::Oidc
        }]
    );
    groups.revoke_roles(&group, &[&role]).await.unwrap();
    assert!(groups.roles(&group).await.unwrap().is_empty());
    assert!(
        root.roles()
            .group_assignments(&role)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(!groups.known_group_names().await.unwrap().contains(&group));
    assert!(matches!(
        groups.assign_roles(&group, &[""]).await,
        Err(Error::InvalidInput { .. })
    ));
    root.roles().delete(&role).await.unwrap();
}

#[tokio::test]
async fn oidc_users_hold_roles_of_their_own_and_of_their_groups() {
    let root = common::rbac_client().await;
    let (user, _, group) = common::RBAC_OIDC_USER;
    let collection = common::unique("RbacOidc");
    common::recreate(
        &root,
        &CollectionConfig::new(&collection).property(Property::new("title", DataType::Text)),
    )
    .await;
    root.collection(&collection)
        .data()
        .insert(NewObject::new(json!({"title": "for oidc"})).unwrap())
        .await
        .unwrap();
    let reader = Permissions::from(Permission::data().collection(&collection).read());
    let (own_role, group_role) = (name("rbac-test-oidc-own"), name("rbac-test-oidc-group"));
    root.roles().create(&own_role, &reader).await.unwrap();
    root.roles().create(&group_role, &reader).await.unwrap();

    let oidc = root.users().oidc();
    oidc.assign_roles(user, &[&own_role]).await.unwrap();
    assert_eq!(oidc.roles(user).await.unwrap(), only(&own_role, &reader));
    assert_eq!(
        root.roles().user_assignments(&own_role).await.unwrap(),
        [UserAssignment {
            user_id: user.to_owned(),
            user_type: UserType::Oidc
        }]
    );

    // Signed in with a token of the issuer: its name, its group, its role.
    let (http, grpc, _) = common::rbac_server();
    let as_oidc = ClientBuilder::custom(&http, &grpc)
        .bearer_token(common::rbac_oidc_token().await)
        .build()
        .await
        .unwrap();
    let me = as_oidc.users().my_user().await.unwrap();
    assert_eq!(me.username, user);
    assert_eq!(me.groups, [group]);
    assert_eq!(me.roles, only(&own_role, &reader));
    let theirs = as_oidc.collection(&collection);
    assert_eq!(
        theirs.query().fetch_objects().limit(5).await.unwrap().len(),
        1
    );

    // Without the role: refused; with it through the group: allowed again.
    oidc.revoke_roles(user, &[&own_role]).await.unwrap();
    assert!(oidc.roles(user).await.unwrap().is_empty());
    assert_forbidden(
        theirs.query().fetch_objects().limit(5).await,
        user,
        "read_data",
    );
    root.groups()
        .assign_roles(group, &[&group_role])
        .await
        .unwrap();
    assert_eq!(
        theirs.query().fetch_objects().limit(5).await.unwrap().len(),
        1
    );
    let me = as_oidc.users().my_user().await.unwrap();
    assert_eq!(me.roles, only(&group_role, &reader));

    root.groups()
        .revoke_roles(group, &[&group_role])
        .await
        .unwrap();
    assert_forbidden(
        theirs.query().fetch_objects().limit(5).await,
        user,
        "read_data",
    );
    // An OIDC user's roles for an unknown role: NotFound.
    assert!(matches!(
        oidc.assign_roles(user, &["no-such-role"]).await,
        Err(Error::NotFound { .. })
    ));
    root.roles().delete(&own_role).await.unwrap();
    root.roles().delete(&group_role).await.unwrap();
    root.collections().delete(&collection).await.unwrap();
}
