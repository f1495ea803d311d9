use super::*;

fn problem(r: Result<(), NameError>) -> Option<Problem> {
    r.err().map(|e| e.problem().clone())
}

#[test]
fn collection_names_follow_the_class_name_regex() {
    for good in ["A", "Article", "My_Class_2", "AB_", "Z9"] {
        assert_eq!(problem(collection_name(good)), None, "{good}");
    }
    for (bad, expected) in [
        ("", Problem::Empty),
        ("article", Problem::BadFirstCharacter),
        ("_A", Problem::BadFirstCharacter),
        ("1A", Problem::BadFirstCharacter),
        ("Ä", Problem::BadFirstCharacter),
        ("A-b", Problem::BadCharacter('-')),
        ("A b", Problem::BadCharacter(' ')),
        ("Ns:Article", Problem::BadCharacter(':')),
        ("Aé", Problem::BadCharacter('é')),
    ] {
        assert_eq!(problem(collection_name(bad)), Some(expected), "{bad}");
    }
}

#[test]
fn collection_names_are_at_most_255_bytes() {
    let longest = format!("A{}", "b".repeat(COLLECTION_NAME_MAX_LEN - 1));
    assert_eq!(problem(collection_name(&longest)), None);
    assert_eq!(
        problem(collection_name(&format!("{longest}b"))),
        Some(Problem::TooLong { max: 255 })
    );
}

#[test]
fn property_names_follow_the_property_name_regex() {
    for good in ["title", "_private", "Title", "x1", "_", "a_b_c"] {
        assert_eq!(problem(property_name(good)), None, "{good}");
    }
    for (bad, expected) in [
        ("", Problem::Empty),
        ("1st", Problem::BadFirstCharacter),
        ("-a", Problem::BadFirstCharacter),
        ("a-b", Problem::BadCharacter('-')),
        ("a.b", Problem::BadCharacter('.')),
        ("id", Problem::Reserved),
        ("_id", Problem::Reserved),
        ("_additional", Problem::Reserved),
    ] {
        assert_eq!(problem(property_name(bad)), Some(expected), "{bad}");
    }
    // Only exact names are reserved, and only creation refuses the suffixes.
    for good in [
        "ID",
        "ids",
        "_additionals",
        "title_searchable",
        "_creationTimeUnix",
    ] {
        assert_eq!(problem(property_name(good)), None, "{good}");
    }
}

#[test]
fn property_names_are_at_most_231_bytes() {
    let longest = "a".repeat(PROPERTY_NAME_MAX_LEN);
    assert_eq!(problem(property_name(&longest)), None);
    assert_eq!(problem(declared_property_name(&longest, false)), None);
    let too_long = "a".repeat(PROPERTY_NAME_MAX_LEN + 1);
    assert_eq!(
        problem(property_name(&too_long)),
        Some(Problem::TooLong { max: 231 })
    );
    assert_eq!(
        problem(declared_property_name(&too_long, false)),
        Some(Problem::TooLong { max: 231 })
    );
    // Nested property names have no limit.
    assert_eq!(problem(nested_property_name(&too_long.repeat(10))), None);
    assert_eq!(problem(declared_property_name(&too_long, true)), None);
}

#[test]
fn new_property_names_refuse_every_internal_suffix() {
    for suffix in RESERVED_PROPERTY_SUFFIXES {
        let name = format!("title{suffix}");
        assert_eq!(
            problem(new_property_name(&name)),
            Some(Problem::ReservedSuffix(suffix)),
            "{name}"
        );
    }
    assert_eq!(problem(new_property_name("searchable")), None);
    assert_eq!(problem(new_property_name("title_searchables")), None);
    assert_eq!(
        problem(new_property_name("id")),
        Some(Problem::Reserved),
        "reserved names first"
    );
}

#[test]
fn declared_property_names_add_the_derives_rules_in_order() {
    assert_eq!(problem(declared_property_name("wordCount", false)), None);
    assert_eq!(
        problem(declared_property_name("Title", false)),
        Some(Problem::CapitalFirst {
            stored: "title".into()
        })
    );
    // A capital first letter is reported before a reserved suffix, in nested objects too.
    assert_eq!(
        problem(declared_property_name("Title_searchable", false)),
        Some(Problem::CapitalFirst {
            stored: "title_searchable".into()
        })
    );
    assert_eq!(
        problem(declared_property_name("Title", true)),
        Some(Problem::CapitalFirst {
            stored: "title".into()
        })
    );
    for name in METADATA_PROPERTY_NAMES {
        assert_eq!(
            problem(declared_property_name(name, false)),
            Some(Problem::MetadataName)
        );
        assert_eq!(problem(declared_property_name(name, true)), None);
    }
    assert_eq!(
        problem(declared_property_name("id", false)),
        Some(Problem::Reserved)
    );
    assert_eq!(problem(declared_property_name("id", true)), None);
    assert_eq!(
        problem(declared_property_name("x_nullState", false)),
        Some(Problem::ReservedSuffix("_nullState"))
    );
    assert_eq!(problem(declared_property_name("x_nullState", true)), None);
    assert_eq!(
        problem(declared_property_name("a-b", true)),
        Some(Problem::BadCharacter('-'))
    );
}

#[test]
fn vector_names_are_at_most_230_bytes() {
    assert_eq!(problem(vector_name("title_vec")), None);
    assert_eq!(problem(vector_name("_v")), None);
    assert_eq!(problem(vector_name(&"v".repeat(VECTOR_NAME_MAX_LEN))), None);
    assert_eq!(
        problem(vector_name(&"v".repeat(VECTOR_NAME_MAX_LEN + 1))),
        Some(Problem::TooLong { max: 230 })
    );
    assert_eq!(problem(vector_name("9v")), Some(Problem::BadFirstCharacter));
    assert_eq!(
        problem(vector_name("title-vec")),
        Some(Problem::BadCharacter('-'))
    );
    assert_eq!(problem(vector_name("")), Some(Problem::Empty));
}

#[test]
fn tenant_names_are_1_to_64_word_characters_or_hyphens() {
    for good in ["a", "tenant-1_a", "-", "_", "9", "ABC-def"] {
        assert_eq!(problem(tenant_name(good)), None, "{good}");
    }
    assert_eq!(problem(tenant_name(&"t".repeat(TENANT_NAME_MAX_LEN))), None);
    assert_eq!(
        problem(tenant_name(&"t".repeat(TENANT_NAME_MAX_LEN + 1))),
        Some(Problem::TooLong { max: 64 })
    );
    assert_eq!(problem(tenant_name("")), Some(Problem::Empty));
    assert_eq!(
        problem(tenant_name("a/b")),
        Some(Problem::BadCharacter('/'))
    );
    assert_eq!(problem(tenant_name(".a")), Some(Problem::BadFirstCharacter));
}

#[test]
fn messages_say_what_to_write() {
    assert_eq!(
        collection_name("news-article").unwrap_err().to_string(),
        "`news-article` is not a valid Weaviate collection name: it must start with a capital letter (A-Z), then use letters, digits and `_` (at most 255 characters), e.g. `NewsArticle`"
    );
    assert_eq!(
        collection_name("1").unwrap_err().to_string(),
        "`1` is not a valid Weaviate collection name: it must start with a capital letter (A-Z), then use letters, digits and `_` (at most 255 characters)"
    );
    assert_eq!(
        property_name("a-b").unwrap_err().to_string(),
        "`a-b` is not a valid Weaviate property name: it must start with a letter or `_`, then use letters, digits and `_` (at most 231 characters)"
    );
    assert_eq!(
        nested_property_name("a-b").unwrap_err().to_string(),
        "`a-b` is not a valid Weaviate property name: it must start with a letter or `_`, then use letters, digits and `_`"
    );
    assert_eq!(
        property_name("_id").unwrap_err().to_string(),
        "`_id` is a reserved Weaviate property name (reserved: `id`, `_id`, `_additional`, `_creationTimeUnix` or `_lastUpdateTimeUnix`)"
    );
    assert_eq!(
        tenant_name("a/b").unwrap_err().to_string(),
        "`a/b` is not a valid tenant name: use 1 to 64 letters, digits, `_` or `-`"
    );
    assert!(
        vector_name("v-1")
            .unwrap_err()
            .to_string()
            .contains("(at most 230 characters)")
    );
    let e = new_property_name("x_temp").unwrap_err();
    assert_eq!(e.kind(), Kind::Property);
    assert_eq!(e.name(), "x_temp");
    assert!(e.to_string().contains("ends with `_temp`"), "{e}");
}

#[test]
fn case_helpers() {
    assert!(same_collection("ARTICLE", "Article"));
    assert!(!same_collection("Articles", "Article"));
    assert_eq!(lowercase_first_letter("URL"), "uRL");
    assert_eq!(lowercase_first_letter(""), "");
    assert_eq!(
        lowercase_first_letter("Été"),
        "Été",
        "only an ASCII first byte changes"
    );
    assert_eq!(uppercase_class_name("article"), "Article");
    assert_eq!(uppercase_class_name("a"), "A");
    assert_eq!(uppercase_class_name(""), "");
    assert_eq!(uppercase_class_name("ns-1:article"), "ns-1:Article");
    assert_eq!(uppercase_class_name("_x"), "_x");
    assert_eq!(
        suggest_collection_name("article").as_deref(),
        Some("Article")
    );
    assert_eq!(
        suggest_collection_name("old_post-2").as_deref(),
        Some("OldPost2")
    );
    assert_eq!(suggest_collection_name("--"), None);
    assert_eq!(camel_case("word_count"), "wordCount");
    assert_eq!(camel_case("_private_x"), "_privateX");
    assert_eq!(camel_case("u_r_l"), "uRL");
    assert_eq!(camel_case("title"), "title");
    assert!(Problem::TooLong { max: 1 }.is_shape());
    assert!(!Problem::Reserved.is_shape());
}
