//! Helpers shared by the schema types.

/// Declares a string enum as the server sends it: known values become variants, anything else is kept
/// in `Other(String)` so a value from a newer server decodes and re-encodes unchanged.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $value:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know, kept verbatim. Build values with
            /// `From<&str>`, which maps known spellings to their variant.
            Other(String),
        }

        impl $name {
            /// The spelling of this value in Weaviate's JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::Other(other) => other.as_str(),
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(Self::from(value))
            }
        }
    };
}

pub(crate) use string_enum;

/// Reads `null` (and a missing field, with `#[serde(default)]`) as the type's default.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + serde::Deserialize<'de>,
{
    Ok(<Option<T> as serde::Deserialize>::deserialize(deserializer)?.unwrap_or_default())
}

/// Inserts `key: value` into the settings object of `module` inside a module-config map, creating the
/// map and the object as needed (a non-object entry is replaced).
pub(crate) fn set_module_setting(
    config: &mut Option<std::collections::BTreeMap<String, serde_json::Value>>,
    module: String,
    key: &str,
    value: serde_json::Value,
) {
    let entry = config
        .get_or_insert_with(Default::default)
        .entry(module)
        .or_insert_with(|| serde_json::Value::Object(Default::default()));
    if !entry.is_object() {
        *entry = serde_json::Value::Object(Default::default());
    }
    if let serde_json::Value::Object(map) = entry {
        map.insert(key.to_owned(), value);
    }
}

/// By-value setters for `Option` fields: each `field: Type` (with its doc comment) defines
/// `fn field(mut self, value: Type) -> Self` storing `Some(value.into())`.
macro_rules! setters {
    ($( $(#[$doc:meta])* $field:ident : $ty:ty ),* $(,)?) => {
        $(
            $(#[$doc])*
            pub fn $field(mut self, value: $ty) -> Self {
                self.$field = Some(value.into());
                self
            }
        )*
    };
}

pub(crate) use setters;
