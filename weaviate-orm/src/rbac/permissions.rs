//! The typed permission model of Weaviate's RBAC and its JSON.
//!
//! On the wire (Weaviate 1.39) a permission is one action and the resource it applies to, e.g.
//! `{"action": "read_data", "data": {"collection": "Article", "tenant": "*", "object": "*"}}`. Here it
//! is a [`Permission`]: an [`Action`] and a [`Resource`]. Permissions are made with one builder per
//! resource, [`Grant`], that takes the resource's patterns and any number of its actions:
//!
//! ```
//! use weaviate_orm::rbac::{Action, Permission, Permissions};
//!
//! let p = Permissions::new()
//!     .with(Permission::data().collection("Article").read().create())
//!     .with(Permission::collections().collection("Article").read())
//!     .with(Permission::cluster().read());
//! assert_eq!(p.len(), 4);
//! assert!(p.iter().any(|p| p.action() == &Action::CreateData));
//! ```
//!
//! Patterns are exact names or the server's patterns (`*` for all, `Article*`, regexes). Collection
//! and alias names are stored with an upper-case first letter, as the server stores them, so what is
//! read back equals what was sent. Reading a role decodes every permission the server returns: an
//! action this crate does not know is kept as [`Action::Other`] with its resource (decoded when its
//! resource kind is known, else [`Resource::Other`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::typed::WeaviateCollection;

macro_rules! actions {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )*) => {
        /// An action of a permission, named as the server names it (`read_data`). Actions of a
        /// newer server are kept as [`Action::Other`].
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Action {
            $( $(#[$doc])* $variant, )*
            /// An action this crate does not know, as the server named it.
            Other(String),
        }

        impl Action {
            /// Every action Weaviate 1.39 knows.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The server's name of the action.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Action::$variant => $name, )*
                    Action::Other(name) => name,
                }
            }

            /// The action named `name`; [`Action::Other`] for a name this crate does not know.
            pub fn parse(name: &str) -> Action {
                match name {
                    $( $name => Action::$variant, )*
                    other => Action::Other(other.to_owned()),
                }
            }
        }
    };
}

actions! {
    /// Create collections (`collections`).
    CreateCollections = "create_collections",
    /// Read collection configurations (`collections`).
    ReadCollections = "read_collections",
    /// Update collection configurations (`collections`).
    UpdateCollections = "update_collections",
    /// Delete collections (`collections`).
    DeleteCollections = "delete_collections",
    /// Create tenants (`tenants`).
    CreateTenants = "create_tenants",
    /// Read tenants (`tenants`).
    ReadTenants = "read_tenants",
    /// Update tenants, e.g. their activity status (`tenants`).
    UpdateTenants = "update_tenants",
    /// Delete tenants (`tenants`).
    DeleteTenants = "delete_tenants",
    /// Insert objects (`data`).
    CreateData = "create_data",
    /// Read and search objects (`data`).
    ReadData = "read_data",
    /// Replace and update objects (`data`).
    UpdateData = "update_data",
    /// Delete objects (`data`).
    DeleteData = "delete_data",
    /// Create, restore and cancel backups (`backups`).
    ManageBackups = "manage_backups",
    /// Read cluster information (no resource).
    ReadCluster = "read_cluster",
    /// Read node information (`nodes`, with a verbosity).
    ReadNodes = "read_nodes",
    /// Create roles (`roles`, with a scope).
    CreateRoles = "create_roles",
    /// Read roles (`roles`).
    ReadRoles = "read_roles",
    /// Update roles' permissions (`roles`).
    UpdateRoles = "update_roles",
    /// Delete roles (`roles`).
    DeleteRoles = "delete_roles",
    /// Create database users (`users`).
    CreateUsers = "create_users",
    /// Read users (`users`).
    ReadUsers = "read_users",
    /// Update users: rotate keys, activate, deactivate (`users`).
    UpdateUsers = "update_users",
    /// Delete database users (`users`).
    DeleteUsers = "delete_users",
    /// Assign roles to and revoke them from users (`users`).
    AssignAndRevokeUsers = "assign_and_revoke_users",
    /// Read groups and their roles (`groups`).
    ReadGroups = "read_groups",
    /// Assign roles to and revoke them from groups (`groups`).
    AssignAndRevokeGroups = "assign_and_revoke_groups",
    /// Start replica movements (`replicate`).
    CreateReplicate = "create_replicate",
    /// Read replica movements (`replicate`).
    ReadReplicate = "read_replicate",
    /// Update (cancel) replica movements (`replicate`).
    UpdateReplicate = "update_replicate",
    /// Delete replica movements (`replicate`).
    DeleteReplicate = "delete_replicate",
    /// Create aliases (`aliases`).
    CreateAliases = "create_aliases",
    /// Read aliases (`aliases`).
    ReadAliases = "read_aliases",
    /// Move aliases to another collection (`aliases`).
    UpdateAliases = "update_aliases",
    /// Delete aliases (`aliases`).
    DeleteAliases = "delete_aliases",
    /// Create through the MCP server (no resource).
    CreateMcp = "create_mcp",
    /// Read through the MCP server (no resource).
    ReadMcp = "read_mcp",
    /// Update through the MCP server (no resource).
    UpdateMcp = "update_mcp",
    /// Manage namespaces (`namespaces`).
    ManageNamespaces = "manage_namespaces",
}

impl Action {
    /// The kind of resource the action applies to: the last word of its name (`data` for
    /// `read_data`), the key of the resource in the permission's JSON.
    pub fn domain(&self) -> &str {
        let name = self.as_str();
        name.rsplit('_').next().unwrap_or(name)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a `read_nodes` permission shows.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Nodes {
    /// Nodes without their shards (`"verbosity": "minimal"`), for every collection.
    Minimal,
    /// Nodes with the shards and statistics of the collections matching the pattern.
    Verbose {
        /// Collection pattern.
        collection: String,
    },
}

/// Which roles a role permission lets its holder manage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum RoleScope {
    /// Only roles whose permissions the holder has itself (`"match"`, the server's default).
    #[default]
    Match,
    /// Any role, with any permissions (`"all"`).
    All,
}

impl RoleScope {
    fn as_str(self) -> &'static str {
        match self {
            RoleScope::Match => "match",
            RoleScope::All => "all",
        }
    }
}

/// The kind of a group (Weaviate 1.39 has OIDC groups only).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum GroupType {
    /// Groups of the OIDC token's groups claim (`"oidc"`).
    #[default]
    Oidc,
    /// A group type this crate does not know.
    Other(String),
}

impl GroupType {
    /// The server's name of the type.
    pub fn as_str(&self) -> &str {
        match self {
            GroupType::Oidc => "oidc",
            GroupType::Other(s) => s,
        }
    }

    pub(crate) fn parse(s: &str) -> GroupType {
        match s {
            "oidc" => GroupType::Oidc,
            other => GroupType::Other(other.to_owned()),
        }
    }
}

/// What a permission applies to. Every pattern is an exact name or a pattern (`*` is all).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Resource {
    /// Collection definitions (`collections`).
    Collections {
        /// Collection pattern.
        collection: String,
    },
    /// Tenants of collections (`tenants`).
    Tenants {
        /// Collection pattern.
        collection: String,
        /// Tenant pattern.
        tenant: String,
    },
    /// Objects (`data`).
    Data {
        /// Collection pattern.
        collection: String,
        /// Tenant pattern.
        tenant: String,
        /// Object id pattern.
        object: String,
    },
    /// Backups of collections (`backups`).
    Backups {
        /// Collection pattern.
        collection: String,
    },
    /// The cluster (no pattern).
    Cluster,
    /// Nodes, at a verbosity (`nodes`).
    Nodes(Nodes),
    /// Roles (`roles`).
    Roles {
        /// Role pattern.
        role: String,
        /// Which roles may be managed.
        scope: RoleScope,
    },
    /// Users (`users`).
    Users {
        /// User pattern.
        user: String,
    },
    /// Groups (`groups`).
    Groups {
        /// Group pattern.
        group: String,
        /// The group type.
        group_type: GroupType,
    },
    /// Replica movements (`replicate`).
    Replicate {
        /// Collection pattern.
        collection: String,
        /// Shard pattern.
        shard: String,
    },
    /// Aliases (`aliases`).
    Aliases {
        /// Collection pattern (of the collections the aliases point at).
        collection: String,
        /// Alias pattern.
        alias: String,
    },
    /// Namespaces (`namespaces`).
    Namespaces {
        /// Namespace pattern.
        namespace: String,
    },
    /// The MCP server (no pattern).
    Mcp,
    /// A resource kind this crate does not know, kept as the server sent it: its JSON key and its
    /// fields (string values as they are, others as JSON text).
    Other {
        /// The resource's key in the permission's JSON (empty when the permission had none).
        domain: String,
        /// Its fields.
        fields: BTreeMap<String, String>,
    },
}

/// One permission: an action on a resource. Made with the builders ([`Permission::data`] and the
/// others) or read from the server; see the [module docs](self).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Permission {
    action: Action,
    resource: Resource,
}

const ALL: &str = "*";

/// The server's storage form of a collection or alias name: first letter upper-case (after a
/// `namespace:` qualifier).
fn collection_case(name: &str) -> String {
    fn upper_first(s: &str) -> String {
        let mut chars = s.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }
    match name.split_once(':') {
        Some((ns, class)) => format!("{ns}:{}", upper_first(class)),
        None => upper_first(name),
    }
}

impl Permission {
    /// The action.
    pub fn action(&self) -> &Action {
        &self.action
    }

    /// The resource.
    pub fn resource(&self) -> &Resource {
        &self.resource
    }

    /// Collection definitions (create, read, update, delete), all collections until
    /// [`collection`](Grant::collection) narrows it.
    pub fn collections() -> Grant<CollectionsGrant> {
        Grant::new(CollectionsGrant { collection: any() })
    }

    /// Tenants (create, read, update, delete) of all collections and tenants until narrowed.
    pub fn tenants() -> Grant<TenantsGrant> {
        Grant::new(TenantsGrant {
            collection: any(),
            tenant: any(),
        })
    }

    /// Objects (create, read, update, delete) of all collections, tenants and objects until
    /// narrowed.
    ///
    /// ```
    /// # use weaviate_orm::rbac::Permission;
    /// let read_articles = Permission::data().collection("Article").read();
    /// # let _ = read_articles;
    /// ```
    pub fn data() -> Grant<DataGrant> {
        Grant::new(DataGrant {
            collection: any(),
            tenant: any(),
            object: any(),
        })
    }

    /// Backups (manage) of all collections until narrowed.
    pub fn backups() -> Grant<BackupsGrant> {
        Grant::new(BackupsGrant { collection: any() })
    }

    /// The cluster (read).
    pub fn cluster() -> Grant<ClusterGrant> {
        Grant::new(ClusterGrant {})
    }

    /// Nodes (read), minimal until [`verbose`](Grant::verbose) or
    /// [`collection`](Grant::collection) asks for shards.
    pub fn nodes() -> Grant<NodesGrant> {
        Grant::new(NodesGrant {
            nodes: Nodes::Minimal,
        })
    }

    /// Roles (create, read, update, delete) of all roles, scope [`RoleScope::Match`], until
    /// narrowed.
    pub fn roles() -> Grant<RolesGrant> {
        Grant::new(RolesGrant {
            role: any(),
            scope: RoleScope::Match,
        })
    }

    /// Users (create, read, update, delete, assign and revoke) of all users until narrowed.
    pub fn users() -> Grant<UsersGrant> {
        Grant::new(UsersGrant { user: any() })
    }

    /// OIDC groups (read, assign and revoke) of all groups until narrowed.
    pub fn groups() -> Grant<GroupsGrant> {
        Grant::new(GroupsGrant {
            group: any(),
            group_type: GroupType::Oidc,
        })
    }

    /// Replica movements (create, read, update, delete) of all collections and shards until
    /// narrowed.
    pub fn replicate() -> Grant<ReplicateGrant> {
        Grant::new(ReplicateGrant {
            collection: any(),
            shard: any(),
        })
    }

    /// Aliases (create, read, update, delete) of all collections and aliases until narrowed.
    pub fn aliases() -> Grant<AliasesGrant> {
        Grant::new(AliasesGrant {
            collection: any(),
            alias: any(),
        })
    }

    /// Namespaces (manage) of all namespaces until narrowed.
    pub fn namespaces() -> Grant<NamespacesGrant> {
        Grant::new(NamespacesGrant { namespace: any() })
    }

    /// The MCP server (create, read, update).
    pub fn mcp() -> Grant<McpGrant> {
        Grant::new(McpGrant {})
    }

    /// The permission's JSON, as the server takes it.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("action".into(), Value::String(self.action.as_str().into()));
        let s = |v: &str| Value::String(v.to_owned());
        let fields: Option<(&str, Vec<(&str, Value)>)> = match &self.resource {
            Resource::Collections { collection } => {
                Some(("collections", vec![("collection", s(collection))]))
            }
            Resource::Tenants { collection, tenant } => Some((
                "tenants",
                vec![("collection", s(collection)), ("tenant", s(tenant))],
            )),
            Resource::Data {
                collection,
                tenant,
                object,
            } => Some((
                "data",
                vec![
                    ("collection", s(collection)),
                    ("tenant", s(tenant)),
                    ("object", s(object)),
                ],
            )),
            Resource::Backups { collection } => {
                Some(("backups", vec![("collection", s(collection))]))
            }
            Resource::Nodes(Nodes::Minimal) => Some(("nodes", vec![("verbosity", s("minimal"))])),
            Resource::Nodes(Nodes::Verbose { collection }) => Some((
                "nodes",
                vec![("verbosity", s("verbose")), ("collection", s(collection))],
            )),
            Resource::Roles { role, scope } => Some((
                "roles",
                vec![("role", s(role)), ("scope", s(scope.as_str()))],
            )),
            Resource::Users { user } => Some(("users", vec![("users", s(user))])),
            Resource::Groups { group, group_type } => Some((
                "groups",
                vec![("group", s(group)), ("groupType", s(group_type.as_str()))],
            )),
            Resource::Replicate { collection, shard } => Some((
                "replicate",
                vec![("collection", s(collection)), ("shard", s(shard))],
            )),
            Resource::Aliases { collection, alias } => Some((
                "aliases",
                vec![("collection", s(collection)), ("alias", s(alias))],
            )),
            Resource::Namespaces { namespace } => {
                Some(("namespaces", vec![("namespace", s(namespace))]))
            }
            Resource::Cluster | Resource::Mcp => None,
            Resource::Other { domain, fields } if !domain.is_empty() => {
                let object = fields
                    .iter()
                    .map(|(k, v)| (k.clone(), s(v)))
                    .collect::<Map<_, _>>();
                map.insert(domain.clone(), Value::Object(object));
                None
            }
            Resource::Other { .. } => None,
        };
        if let Some((key, fields)) = fields {
            let object = fields
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect::<Map<_, _>>();
            map.insert(key.to_owned(), Value::Object(object));
        }
        Value::Object(map)
    }

    /// Reads a permission from the server's JSON. `None` for an object without an action (the
    /// server's placeholder of an empty role).
    pub fn from_json(value: &Value) -> Result<Option<Permission>, String> {
        let map = value
            .as_object()
            .ok_or_else(|| format!("a permission is a JSON object, got {value}"))?;
        let action = match map.get("action") {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::String(a)) => Action::parse(a),
            Some(other) => return Err(format!("a permission's action is a string, got {other}")),
        };
        let domain = action.domain().to_owned();
        let empty = Map::new();
        let object = match map.get(&domain) {
            Some(Value::Object(o)) => o,
            _ => &empty,
        };
        let text = |key: &str| match object.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => ALL.to_owned(),
            Some(other) => other.to_string(),
        };
        let resource = match domain.as_str() {
            "collections" => Resource::Collections {
                collection: text("collection"),
            },
            "tenants" => Resource::Tenants {
                collection: text("collection"),
                tenant: text("tenant"),
            },
            "data" => Resource::Data {
                collection: text("collection"),
                tenant: text("tenant"),
                object: text("object"),
            },
            "backups" => Resource::Backups {
                collection: text("collection"),
            },
            "cluster" => Resource::Cluster,
            "mcp" => Resource::Mcp,
            "nodes" => match object.get("verbosity").and_then(Value::as_str) {
                Some("verbose") => Resource::Nodes(Nodes::Verbose {
                    collection: text("collection"),
                }),
                _ => Resource::Nodes(Nodes::Minimal),
            },
            "roles" => Resource::Roles {
                role: text("role"),
                scope: match object.get("scope").and_then(Value::as_str) {
                    Some("all") => RoleScope::All,
                    _ => RoleScope::Match,
                },
            },
            "users" => Resource::Users {
                user: text("users"),
            },
            "groups" => Resource::Groups {
                group: text("group"),
                group_type: GroupType::parse(
                    object
                        .get("groupType")
                        .and_then(Value::as_str)
                        .unwrap_or("oidc"),
                ),
            },
            "replicate" => Resource::Replicate {
                collection: text("collection"),
                shard: text("shard"),
            },
            "aliases" => Resource::Aliases {
                collection: text("collection"),
                alias: text("alias"),
            },
            "namespaces" => Resource::Namespaces {
                namespace: text("namespace"),
            },
            _ => Resource::Other {
                domain: if map.contains_key(&domain) {
                    domain.clone()
                } else {
                    String::new()
                },
                fields: object
                    .iter()
                    .map(|(k, v)| {
                        let v = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                        (k.clone(), v)
                    })
                    .collect(),
            },
        };
        Ok(Some(Permission { action, resource }))
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_json())
    }
}

impl Serialize for Permission {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Permission {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Permission::from_json(&value)
            .map_err(D::Error::custom)?
            .ok_or_else(|| D::Error::custom("a permission without an action"))
    }
}

fn any() -> String {
    ALL.to_owned()
}

/// A resource kind of the builder [`Grant`]: its patterns, turned into a [`Resource`].
pub trait GrantKind: Clone {
    /// The resource with the patterns set so far.
    fn resource(&self) -> Resource;
}

/// A builder of permissions on one resource: the resource's patterns and the actions granted on
/// it, one [`Permission`] per action. Start it with [`Permission::data`] and its siblings.
///
/// ```
/// use weaviate_orm::rbac::{Permission, Permissions};
/// # #[derive(weaviate_orm::WeaviateCollection)]
/// # struct Article { title: String }
///
/// let read_and_insert = Permission::data().collection_of::<Article>().read().create();
/// assert_eq!(Permissions::from(read_and_insert).len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use = "a grant does nothing until it is given to a role"]
pub struct Grant<K> {
    kind: K,
    actions: BTreeSet<Action>,
}

impl<K: GrantKind> Grant<K> {
    fn new(kind: K) -> Self {
        Grant {
            kind,
            actions: BTreeSet::new(),
        }
    }

    fn with(mut self, action: Action) -> Self {
        self.actions.insert(action);
        self
    }

    /// The permissions: one per action, on the resource.
    pub fn permissions(&self) -> Vec<Permission> {
        let resource = self.kind.resource();
        self.actions
            .iter()
            .map(|action| Permission {
                action: action.clone(),
                resource: resource.clone(),
            })
            .collect()
    }
}

macro_rules! grant_kinds {
    ($( $(#[$doc:meta])* $kind:ident { $($field:ident: $ty:ty),* } => |$s:ident| $resource:expr; )*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $kind { $($field: $ty),* }

        impl GrantKind for $kind {
            fn resource(&self) -> Resource {
                let $s = self;
                $resource
            }
        }
    )*};
}

grant_kinds! {
    /// The patterns of [`Permission::collections`].
    CollectionsGrant { collection: String } => |g| Resource::Collections {
        collection: g.collection.clone(),
    };
    /// The patterns of [`Permission::tenants`].
    TenantsGrant { collection: String, tenant: String } => |g| Resource::Tenants {
        collection: g.collection.clone(),
        tenant: g.tenant.clone(),
    };
    /// The patterns of [`Permission::data`].
    DataGrant { collection: String, tenant: String, object: String } => |g| Resource::Data {
        collection: g.collection.clone(),
        tenant: g.tenant.clone(),
        object: g.object.clone(),
    };
    /// The patterns of [`Permission::backups`].
    BackupsGrant { collection: String } => |g| Resource::Backups {
        collection: g.collection.clone(),
    };
    /// [`Permission::cluster`] (no patterns).
    ClusterGrant {} => |_g| Resource::Cluster;
    /// The verbosity of [`Permission::nodes`].
    NodesGrant { nodes: Nodes } => |g| Resource::Nodes(g.nodes.clone());
    /// The patterns of [`Permission::roles`].
    RolesGrant { role: String, scope: RoleScope } => |g| Resource::Roles {
        role: g.role.clone(),
        scope: g.scope,
    };
    /// The patterns of [`Permission::users`].
    UsersGrant { user: String } => |g| Resource::Users { user: g.user.clone() };
    /// The patterns of [`Permission::groups`].
    GroupsGrant { group: String, group_type: GroupType } => |g| Resource::Groups {
        group: g.group.clone(),
        group_type: g.group_type.clone(),
    };
    /// The patterns of [`Permission::replicate`].
    ReplicateGrant { collection: String, shard: String } => |g| Resource::Replicate {
        collection: g.collection.clone(),
        shard: g.shard.clone(),
    };
    /// The patterns of [`Permission::aliases`].
    AliasesGrant { collection: String, alias: String } => |g| Resource::Aliases {
        collection: g.collection.clone(),
        alias: g.alias.clone(),
    };
    /// The patterns of [`Permission::namespaces`].
    NamespacesGrant { namespace: String } => |g| Resource::Namespaces {
        namespace: g.namespace.clone(),
    };
    /// [`Permission::mcp`] (no patterns).
    McpGrant {} => |_g| Resource::Mcp;
}

/// The action methods of a builder: `fn name(self) -> Self` granting one action.
macro_rules! grant_actions {
    ($( $kind:ident { $( $(#[$doc:meta])* $method:ident => $action:ident ),* $(,)? } )*) => {$(
        impl Grant<$kind> {
            $( $(#[$doc])* pub fn $method(self) -> Self { self.with(Action::$action) } )*
        }
    )*};
}

grant_actions! {
    CollectionsGrant {
        /// `create_collections`.
        create => CreateCollections,
        /// `read_collections`.
        read => ReadCollections,
        /// `update_collections`.
        update => UpdateCollections,
        /// `delete_collections`.
        delete => DeleteCollections,
    }
    TenantsGrant {
        /// `create_tenants`.
        create => CreateTenants,
        /// `read_tenants`.
        read => ReadTenants,
        /// `update_tenants`.
        update => UpdateTenants,
        /// `delete_tenants`.
        delete => DeleteTenants,
    }
    DataGrant {
        /// `create_data`.
        create => CreateData,
        /// `read_data`.
        read => ReadData,
        /// `update_data`.
        update => UpdateData,
        /// `delete_data`.
        delete => DeleteData,
    }
    BackupsGrant {
        /// `manage_backups`.
        manage => ManageBackups,
    }
    ClusterGrant {
        /// `read_cluster`.
        read => ReadCluster,
    }
    NodesGrant {
        /// `read_nodes`.
        read => ReadNodes,
    }
    RolesGrant {
        /// `create_roles`.
        create => CreateRoles,
        /// `read_roles`.
        read => ReadRoles,
        /// `update_roles`.
        update => UpdateRoles,
        /// `delete_roles`.
        delete => DeleteRoles,
    }
    UsersGrant {
        /// `create_users`.
        create => CreateUsers,
        /// `read_users`.
        read => ReadUsers,
        /// `update_users`.
        update => UpdateUsers,
        /// `delete_users`.
        delete => DeleteUsers,
        /// `assign_and_revoke_users`.
        assign_and_revoke => AssignAndRevokeUsers,
    }
    GroupsGrant {
        /// `read_groups`.
        read => ReadGroups,
        /// `assign_and_revoke_groups`.
        assign_and_revoke => AssignAndRevokeGroups,
    }
    ReplicateGrant {
        /// `create_replicate`.
        create => CreateReplicate,
        /// `read_replicate`.
        read => ReadReplicate,
        /// `update_replicate`.
        update => UpdateReplicate,
        /// `delete_replicate`.
        delete => DeleteReplicate,
    }
    AliasesGrant {
        /// `create_aliases`.
        create => CreateAliases,
        /// `read_aliases`.
        read => ReadAliases,
        /// `update_aliases`.
        update => UpdateAliases,
        /// `delete_aliases`.
        delete => DeleteAliases,
    }
    NamespacesGrant {
        /// `manage_namespaces`.
        manage => ManageNamespaces,
    }
    McpGrant {
        /// `create_mcp`.
        create => CreateMcp,
        /// `read_mcp`.
        read => ReadMcp,
        /// `update_mcp`.
        update => UpdateMcp,
    }
}

/// The `collection` pattern setters of the builders whose resource has a collection.
macro_rules! collection_patterns {
    ($($kind:ident),*) => {$(
        impl Grant<$kind> {
            /// Narrows to the collections matching `pattern` (a name, `Article*`, a regex); stored
            /// with an upper-case first letter, as the server stores it.
            pub fn collection(mut self, pattern: impl AsRef<str>) -> Self {
                self.kind.collection = collection_case(pattern.as_ref());
                self
            }

            /// Narrows to the collection of the derived struct `T`.
            pub fn collection_of<T: WeaviateCollection>(self) -> Self {
                self.collection(T::NAME)
            }
        }
    )*};
}

collection_patterns!(
    CollectionsGrant,
    TenantsGrant,
    DataGrant,
    BackupsGrant,
    ReplicateGrant,
    AliasesGrant
);

/// A pattern setter of one field.
macro_rules! pattern {
    ($kind:ident . $field:ident, $doc:literal) => {
        impl Grant<$kind> {
            #[doc = $doc]
            pub fn $field(mut self, pattern: impl Into<String>) -> Self {
                self.kind.$field = pattern.into();
                self
            }
        }
    };
}

pattern!(
    TenantsGrant.tenant,
    "Narrows to the tenants matching `pattern`."
);
pattern!(
    DataGrant.tenant,
    "Narrows to the tenants matching `pattern`."
);
pattern!(
    DataGrant.object,
    "Narrows to the objects whose id matches `pattern`."
);
pattern!(RolesGrant.role, "Narrows to the roles matching `pattern`.");
pattern!(UsersGrant.user, "Narrows to the users matching `pattern`.");
pattern!(
    GroupsGrant.group,
    "Narrows to the groups matching `pattern`."
);
pattern!(
    ReplicateGrant.shard,
    "Narrows to the shards matching `pattern`."
);
pattern!(
    NamespacesGrant.namespace,
    "Narrows to the namespaces matching `pattern`."
);

impl Grant<AliasesGrant> {
    /// Narrows to the aliases matching `pattern`; stored with an upper-case first letter, as the
    /// server stores it.
    pub fn alias(mut self, pattern: impl AsRef<str>) -> Self {
        self.kind.alias = collection_case(pattern.as_ref());
        self
    }
}

impl Grant<RolesGrant> {
    /// Which roles may be managed: only those within the holder's own permissions
    /// ([`RoleScope::Match`], the default) or any ([`RoleScope::All`]).
    pub fn scope(mut self, scope: RoleScope) -> Self {
        self.kind.scope = scope;
        self
    }
}

impl Grant<NodesGrant> {
    /// Shows shards and statistics of every collection (`"verbosity": "verbose"`).
    pub fn verbose(mut self) -> Self {
        if self.kind.nodes == Nodes::Minimal {
            self.kind.nodes = Nodes::Verbose { collection: any() };
        }
        self
    }

    /// Shows shards and statistics of the collections matching `pattern` (verbose).
    pub fn collection(mut self, pattern: impl AsRef<str>) -> Self {
        self.kind.nodes = Nodes::Verbose {
            collection: collection_case(pattern.as_ref()),
        };
        self
    }

    /// [`collection`](Self::collection) of the derived struct `T`.
    pub fn collection_of<T: WeaviateCollection>(self) -> Self {
        self.collection(T::NAME)
    }
}

/// Anything that is a list of permissions: a [`Permission`], a [`Grant`], a [`Permissions`] set,
/// and vectors, arrays and slices of them.
pub trait IntoPermissions {
    /// The permissions.
    fn into_permissions(self) -> Vec<Permission>;
}

impl IntoPermissions for Permission {
    fn into_permissions(self) -> Vec<Permission> {
        vec![self]
    }
}

impl<K: GrantKind> IntoPermissions for Grant<K> {
    fn into_permissions(self) -> Vec<Permission> {
        self.permissions()
    }
}

impl IntoPermissions for Permissions {
    fn into_permissions(self) -> Vec<Permission> {
        self.0.into_iter().collect()
    }
}

impl IntoPermissions for &Permissions {
    fn into_permissions(self) -> Vec<Permission> {
        self.0.iter().cloned().collect()
    }
}

impl<T: IntoPermissions> IntoPermissions for Vec<T> {
    fn into_permissions(self) -> Vec<Permission> {
        self.into_iter().flat_map(T::into_permissions).collect()
    }
}

impl<T: IntoPermissions, const N: usize> IntoPermissions for [T; N] {
    fn into_permissions(self) -> Vec<Permission> {
        self.into_iter().flat_map(T::into_permissions).collect()
    }
}

impl<T: IntoPermissions + Clone> IntoPermissions for &[T] {
    fn into_permissions(self) -> Vec<Permission> {
        self.iter().cloned().flat_map(T::into_permissions).collect()
    }
}

/// A set of permissions, ordered (by action, then resource) and without duplicates: what a role
/// holds. Compare two for equality to check a role's exact permissions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Permissions(BTreeSet<Permission>);

impl Permissions {
    /// No permissions.
    pub fn new() -> Self {
        Permissions::default()
    }

    /// Adds permissions (a grant, a permission, a list).
    pub fn with(mut self, permissions: impl IntoPermissions) -> Self {
        self.0.extend(permissions.into_permissions());
        self
    }

    /// Whether the set holds `permission`.
    pub fn contains(&self, permission: &Permission) -> bool {
        self.0.contains(permission)
    }

    /// The number of permissions.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The permissions, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Permission> {
        self.0.iter()
    }
}

impl<K: GrantKind> From<Grant<K>> for Permissions {
    fn from(grant: Grant<K>) -> Self {
        Permissions::new().with(grant)
    }
}

impl From<Vec<Permission>> for Permissions {
    fn from(permissions: Vec<Permission>) -> Self {
        permissions.into_iter().collect()
    }
}

impl FromIterator<Permission> for Permissions {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        Permissions(iter.into_iter().collect())
    }
}

impl IntoIterator for Permissions {
    type Item = Permission;
    type IntoIter = std::collections::btree_set::IntoIter<Permission>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Serialize for Permissions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

impl<'de> Deserialize<'de> for Permissions {
    /// Reads the server's list; entries without an action (an empty role's placeholder) are skipped.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let values = Option::<Vec<Value>>::deserialize(deserializer)?.unwrap_or_default();
        let mut set = BTreeSet::new();
        for value in &values {
            if let Some(p) = Permission::from_json(value).map_err(D::Error::custom)? {
                set.insert(p);
            }
        }
        Ok(Permissions(set))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(p: &Permission) -> Permission {
        Permission::from_json(&p.to_json()).unwrap().unwrap()
    }

    #[test]
    fn every_builder_round_trips_through_json() {
        // One grant per action on a shared resource, so each action method is seen alone.
        macro_rules! each {
            ($base:expr => $($action:ident)+) => {{
                let base = $base;
                vec![$(base.clone().$action()),+]
            }};
        }
        let all = Permissions::new()
            .with(each!(Permission::collections().collection("art*") => create read update delete))
            .with(each!(Permission::tenants().collection("Article").tenant("t1") => create read update delete))
            .with(each!(Permission::data().collection("Article").tenant("t*").object("1234") => create read update delete))
            .with(each!(Permission::backups().collection("Article") => manage))
            .with(each!(Permission::cluster() => read))
            .with(each!(Permission::nodes() => read))
            .with(each!(Permission::nodes().collection("Article") => read))
            .with(each!(Permission::roles().role("editor*").scope(RoleScope::All) => create read update delete))
            .with(each!(Permission::users().user("alice") => create read update delete assign_and_revoke))
            .with(each!(Permission::groups().group("admins") => read assign_and_revoke))
            .with(each!(Permission::replicate().collection("Article").shard("s1") => create read update delete))
            .with(each!(Permission::aliases().collection("Article").alias("current") => create read update delete))
            .with(each!(Permission::namespaces().namespace("tenant1") => manage))
            .with(each!(Permission::mcp() => create read update));
        assert_eq!(all.len(), 39);
        let known: BTreeSet<&Action> = all.iter().map(Permission::action).collect();
        assert_eq!(known.len(), Action::ALL.len(), "every action has a builder");
        for p in all.iter() {
            assert_eq!(&round_trip(p), p, "{p}");
            assert!(!matches!(p.action(), Action::Other(_)));
            assert_eq!(Action::parse(p.action().as_str()), *p.action());
        }
        let json = serde_json::to_value(&all).unwrap();
        let back: Permissions = serde_json::from_value(json).unwrap();
        assert_eq!(back, all);
    }

    #[test]
    fn json_is_the_servers_shape() {
        let p = Permission::data()
            .collection("article")
            .read()
            .permissions();
        assert_eq!(
            p[0].to_json(),
            json!({"action": "read_data", "data": {"collection": "Article", "tenant": "*", "object": "*"}})
        );
        let p = Permission::nodes().read().permissions();
        assert_eq!(
            p[0].to_json(),
            json!({"action": "read_nodes", "nodes": {"verbosity": "minimal"}})
        );
        let p = Permission::nodes().verbose().read().permissions();
        assert_eq!(
            p[0].to_json(),
            json!({"action": "read_nodes", "nodes": {"verbosity": "verbose", "collection": "*"}})
        );
        let p = Permission::roles().role("r").read().permissions();
        assert_eq!(
            p[0].to_json(),
            json!({"action": "read_roles", "roles": {"role": "r", "scope": "match"}})
        );
        let p = Permission::users()
            .user("u")
            .assign_and_revoke()
            .permissions();
        assert_eq!(
            p[0].to_json(),
            json!({"action": "assign_and_revoke_users", "users": {"users": "u"}})
        );
        let p = Permission::groups().read().permissions();
        assert_eq!(
            p[0].to_json(),
            json!({"action": "read_groups", "groups": {"group": "*", "groupType": "oidc"}})
        );
        let p = Permission::aliases().alias("cur").read().permissions();
        assert_eq!(
            p[0].to_json(),
            json!({"action": "read_aliases", "aliases": {"collection": "*", "alias": "Cur"}})
        );
        let p = Permission::cluster().read().permissions();
        assert_eq!(p[0].to_json(), json!({"action": "read_cluster"}));
        assert_eq!(
            Permission::collections()
                .collection("ns1:books")
                .read()
                .permissions()[0]
                .resource(),
            &Resource::Collections {
                collection: "ns1:Books".into()
            }
        );
    }

    #[test]
    fn server_replies_decode_with_defaults() {
        // As the server answers for the root role and for permissions sent without patterns.
        let reply = json!([
            {"action": "read_nodes", "nodes": {"collection": "*", "verbosity": "verbose"}},
            {"action": "read_nodes", "nodes": {"verbosity": "minimal"}},
            {"action": "read_roles", "roles": {"role": "*", "scope": "all"}},
            {"action": "manage_backups", "backups": {"collection": "*"}},
            {"action": "read_mcp"},
            {}
        ]);
        let set: Permissions = serde_json::from_value(reply).unwrap();
        let expected = Permissions::new()
            .with(Permission::nodes().verbose().read())
            .with(Permission::nodes().read())
            .with(Permission::roles().scope(RoleScope::All).read())
            .with(Permission::backups().manage())
            .with(Permission::mcp().read());
        assert_eq!(set, expected);
        let null: Permissions = serde_json::from_value(Value::Null).unwrap();
        assert!(null.is_empty());
    }

    #[test]
    fn unknown_actions_are_kept_with_their_resource() {
        // A legacy action of a known resource kind: the resource decodes.
        let legacy = json!({"action": "manage_roles", "roles": {"role": "x", "scope": "match"}});
        let p = Permission::from_json(&legacy).unwrap().unwrap();
        assert_eq!(p.action(), &Action::Other("manage_roles".into()));
        assert_eq!(
            p.resource(),
            &Resource::Roles {
                role: "x".into(),
                scope: RoleScope::Match
            }
        );
        assert_eq!(p.to_json(), legacy);
        // A resource kind of a newer server: kept as it came.
        let newer = json!({"action": "read_widgets", "widgets": {"widget": "w*", "depth": 2}});
        let p = Permission::from_json(&newer).unwrap().unwrap();
        assert_eq!(p.action().as_str(), "read_widgets");
        assert_eq!(p.action().domain(), "widgets");
        match p.resource() {
            Resource::Other { domain, fields } => {
                assert_eq!(domain, "widgets");
                assert_eq!(fields.get("widget").map(String::as_str), Some("w*"));
                assert_eq!(fields.get("depth").map(String::as_str), Some("2"));
            }
            other => panic!("unexpected {other:?}"),
        }
        let bare = json!({"action": "read_gadgets"});
        assert_eq!(
            round_trip(&Permission::from_json(&bare).unwrap().unwrap()).to_json(),
            bare
        );
        assert!(Permission::from_json(&json!("read_data")).is_err());
        assert!(Permission::from_json(&json!({"action": 3})).is_err());
        assert_eq!(Permission::from_json(&json!({})).unwrap(), None);
    }

    #[test]
    fn grants_are_one_permission_per_action_and_sets_deduplicate() {
        let g = Permission::data().collection("A").read().create().read();
        assert_eq!(g.permissions().len(), 2);
        let set = Permissions::new().with(g.clone()).with([g.clone(), g]);
        assert_eq!(set.len(), 2);
        assert!(set.contains(&Permission::data().collection("A").read().permissions()[0]));
        assert!(Permission::backups().permissions().is_empty());
    }
}
