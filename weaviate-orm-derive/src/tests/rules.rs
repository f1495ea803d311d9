//! The expansion's errors, without a compiler: collected together, never a panic.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Derive;

fn collection_errors(input: TokenStream) -> Vec<String> {
    super::errors(input, Derive::Collection)
}

#[test]
fn every_error_of_a_struct_is_reported() {
    let errors = collection_errors(quote! {
        #[weaviate(name = "bad name", descripton = "x", multi_tenancy, sharding(desired_count = 1))]
        #[weaviate(vectorizer = text2vec_bigram, vector(name = "v"))]
        struct Article {
            #[weaviate(rename = "_id")]
            a: String,
            #[weaviate(rename = "b")]
            b1: String,
            #[weaviate(rename = "B")]
            b2: String,
            #[weaviate(id)]
            id1: uuid::Uuid,
            #[weaviate(id, skip)]
            id2: uuid::Uuid,
            #[weaviate(vector = "nope", tokenization = word)]
            v: Vec<f32>,
        }
    });
    let expected = [
        "not a valid Weaviate collection name",
        "unknown collection attribute `descripton`",
        "no sharding config",
        "both a collection-level vector",
        "`_id` is a reserved",
        "already used by field `b1`",
        "starts with a capital letter",
        "cannot be both `id` and `skip`",
        "the object id is already field `id1`",
        "unknown named vector `nope`",
        "`tokenization` applies to properties",
    ];
    for part in expected {
        assert!(
            errors.iter().any(|e| e.contains(part)),
            "no error mentions {part:?}:\n{}",
            errors.join("\n")
        );
    }
    assert_eq!(errors.len(), expected.len(), "{}", errors.join("\n"));
}

#[test]
fn odd_inputs_are_errors_not_panics() {
    let inputs = [
        quote!(
            struct A(String);
        ),
        quote!(
            enum A {
                B,
            }
        ),
        quote!(union A { b: u32 }),
        quote!(
            struct A<T> {
                t: T,
            }
        ),
        quote!(
            #[weaviate]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate = "x"]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(vector(name = "title-vec"))]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(vector(name = "self"))]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(vector(source = [a]))]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(vector(name = "v", source = []))]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(vector(name = "v", source = [a], vectorizer = none))]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(vector(name = "v", source = [a], vectorizer = multi2vec_clip))]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(vector = 3)]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(vector(name = "v", dimensions = 0))]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(object_ttl(filter_expired_objects))]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(inverted_index(bm25(b = 2.0)))]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(generative = module())]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(generative = module(1))]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(vectorizer = text2vec_bigram(model = [x]))]
            struct A {
                a: String,
            }
        ),
        quote!(
            struct A {
                #[weaviate(rename = "")]
                a: String,
            }
        ),
        quote!(
            struct A {
                #[weaviate(rename = "ä")]
                a: String,
            }
        ),
        quote!(
            struct A {
                #[weaviate(targets())]
                a: MultiReference,
            }
        ),
        quote!(
            struct A {
                #[weaviate(data_type = "string")]
                a: String,
            }
        ),
        quote!(
            struct A {
                #[weaviate(skip_vectorization)]
                a: String,
            }
        ),
        quote!(
            struct A {
                #[weaviate(vector)]
                a: Vec<f32>,
                #[weaviate(vector)]
                b: Vec<f32>,
            }
        ),
        quote!(
            #[weaviate(name = "")]
            struct A {
                a: String,
            }
        ),
    ];
    for input in inputs {
        let errors = collection_errors(input.clone());
        assert!(!errors.is_empty(), "no error for {input}");
    }
}

#[test]
fn keywords_and_raw_identifiers_are_fine() {
    let errors = collection_errors(quote! {
        #[weaviate(vector(name = "type"), vector(name = "match"))]
        struct A {
            r#type: String,
            #[weaviate(vector = "type")]
            v: Vec<f32>,
        }
    });
    assert!(errors.is_empty(), "{errors:?}");
    let expanded = super::collection(quote! {
        #[weaviate(vector(name = "type"))]
        struct A { r#type: String }
    });
    assert!(
        expanded.contains("pub r#type: ::weaviate_orm::typed::VectorField<A>"),
        "{expanded}"
    );
    assert!(expanded.contains("Field::new(\"type\")"), "{expanded}");
}

#[test]
fn vector_names_must_be_rust_field_names() {
    let errors = collection_errors(quote! {
        #[weaviate(vector(name = "self"), vector(name = "_"), vector(name = "crate"), vector(name = "ok"))]
        struct A {
            title: String,
        }
    });
    assert_eq!(errors.len(), 3, "{errors:?}");
    for (error, name) in errors.iter().zip(["self", "_", "crate"]) {
        assert!(
            error.starts_with(&format!("vector name `{name}` cannot be a Rust field name")),
            "{error}"
        );
    }
    // An invalid vector name is reported once, where it is declared.
    let errors = collection_errors(quote! {
        #[weaviate(vector(name = "a-b"))]
        struct A { title: String }
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("is not a valid vector name"),
        "{errors:?}"
    );
}

#[test]
fn nested_objects_take_only_nested_attributes() {
    let errors = super::errors(
        quote! {
            #[weaviate(multi_tenancy, rename_all = "camelCase", bogus)]
            struct Address {
                #[weaviate(key, skip_vectorization)]
                street: String,
                author: Reference<Author>,
            }
        },
        Derive::Object,
    );
    for part in [
        "`multi_tenancy` configures a collection",
        "unknown nested object attribute `bogus`",
        "`key` applies to fields of a collection",
        "`skip_vectorization` applies to fields of a collection",
        "nested objects cannot hold references",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(part)),
            "{part}: {errors:?}"
        );
    }
}

#[test]
fn text_analyzer_rules_are_weaviates() {
    let errors = collection_errors(quote! {
        #[weaviate(inverted_index(stopword_presets(fr = ["le"])))]
        struct A {
            #[weaviate(tokenization = lowercase, text_analyzer(stopword_preset = en))]
            a: String,
            #[weaviate(text_analyzer(stopword_preset = de))]
            b: String,
            #[weaviate(text_analyzer(ascii_fold_ignore = ["é"]))]
            c: String,
            #[weaviate(text_analyzer(ascii_fold, ascii_fold_ignore = ["ab"]))]
            d: String,
            #[weaviate(tokenization = gse, text_analyzer(ascii_fold))]
            e: String,
            #[weaviate(index_searchable = false, index_filterable = false, text_analyzer(ascii_fold))]
            f: String,
            #[weaviate(text_analyzer(ascii_fold, stopword_preset = fr))]
            ok: String,
        }
    });
    for part in [
        "needs tokenization `word`",
        "unknown stopword preset `de`",
        "`ascii_fold_ignore` needs `ascii_fold`",
        "single character",
        "does not work with tokenization `gse`",
        "needs an inverted index",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(part)),
            "{part}: {errors:#?}"
        );
    }
    assert_eq!(errors.len(), 6, "{errors:#?}");
}

#[test]
fn renamed_from_rules_are_reported_together() {
    let errors = collection_errors(quote! {
        #[weaviate(renamed_from = "ARTICLE")]
        struct Article {
            #[weaviate(renamed_from = "Headline")]
            a: String,
            #[weaviate(renamed_from = "_id")]
            b: String,
            #[weaviate(renamed_from = "c")]
            c: String,
            #[weaviate(rename = "wordCount", renamed_from = "wordcount")]
            d: i64,
            #[weaviate(rename = "pageCount")]
            pages: i64,
            #[weaviate(renamed_from = "pagecount")]
            e: i64,
            #[weaviate(renamed_from = "old")]
            f: String,
            #[weaviate(renamed_from = "oLD")]
            g: String,
            #[weaviate(rename = "h", renamed_from = "older")]
            h: String,
            #[weaviate(id, renamed_from = "uuid")]
            id: uuid::Uuid,
            #[weaviate(vector, renamed_from = "embedding")]
            v: Vec<f32>,
            #[weaviate(skip, renamed_from = "cached")]
            s: String,
        }
    });
    let expected = [
        "are the same collection to Weaviate",
        "write `renamed_from = \"headline\"`",
        "`_id` cannot be a former property name",
        "`c` is this property's current name",
        "`wordcount` and `wordCount` are the same property to Weaviate",
        "`pagecount` is still the name of a property (field `pages`; Weaviate compares",
        "`oLD` is already the former name of field `f` (Weaviate compares",
        "the id field is not a property",
        "this field holds a vector, not a property",
        "a `skip` field is not stored",
    ];
    for part in expected {
        assert!(
            errors.iter().any(|e| e.contains(part)),
            "no error mentions {part:?}:\n{}",
            errors.join("\n")
        );
    }
    assert_eq!(errors.len(), expected.len(), "{}", errors.join("\n"));
}

#[test]
fn renamed_from_is_for_collections_only() {
    let errors = super::errors(
        quote! {
            #[weaviate(renamed_from = "OldAddress")]
            struct Address {
                #[weaviate(renamed_from = "road")]
                street: String,
            }
        },
        Derive::Object,
    );
    for part in [
        "a nested object is no collection",
        "a migration cannot rename a property inside a nested object",
    ] {
        assert!(
            errors.iter().any(|e| e.contains(part)),
            "{part}: {errors:?}"
        );
    }
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn renamed_from_odd_values_are_errors_not_panics() {
    for input in [
        quote!(
            #[weaviate(renamed_from)]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(renamed_from = 3)]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(renamed_from = "")]
            struct A {
                a: String,
            }
        ),
        quote!(
            #[weaviate(renamed_from = "B", renamed_from = "C")]
            struct A {
                a: String,
            }
        ),
        quote!(
            struct A {
                #[weaviate(renamed_from = "")]
                a: String,
            }
        ),
        quote!(
            struct A {
                #[weaviate(renamed_from(b))]
                a: String,
            }
        ),
        quote!(
            struct A {
                #[weaviate(renamed_from = "ä")]
                a: String,
            }
        ),
    ] {
        let errors = collection_errors(input.clone());
        assert!(!errors.is_empty(), "no error for {input}");
    }
}
