//! What the generated code does at run time: schema, conversions, ids, vectors, registration. (The
//! round trips through a real server are the integration tests of the workspace root.)

use serde_json::json;
use uuid::Uuid;
use weaviate_orm::data::{Object, Vector, Vectors};
use weaviate_orm::schema::{DataType, Tokenization, VectorIndexType};
use weaviate_orm::typed::{
    MultiReference, PropertyRename, PropertyValue, Reference, ReferenceTarget, Renames,
    WeaviateCollection, WeaviateObject, deterministic_id,
};

#[derive(weaviate_orm::WeaviateObject, Debug, Clone, PartialEq, Default)]
#[weaviate(rename_all = "camelCase")]
struct Address {
    street: String,
    #[weaviate(tokenization = field)]
    postal_code: Option<String>,
    #[weaviate(skip)]
    cached: u8,
}

#[derive(weaviate_orm::WeaviateCollection, Debug, Clone, PartialEq)]
struct Author {
    #[weaviate(id)]
    id: Uuid,
    name: String,
}

#[derive(weaviate_orm::WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "BookItem",
    multi_tenancy(auto_tenant_creation),
    vector(name = "title_vec", source = [title], vectorizer = text2vec_bigram, index = hnsw(distance = cosine, quantizer = pq(segments = 8))),
    vector(name = "own", dimensions = 3, index = flat(quantizer = bq)),
)]
struct Book {
    #[weaviate(id)]
    id: Option<Uuid>,
    #[weaviate(key, tokenization = field)]
    isbn: String,
    #[weaviate(rename = "headline")]
    title: String,
    #[weaviate(index_range_filters)]
    pages: Option<i64>,
    tags: Vec<String>,
    address: Address,
    previous: Vec<Address>,
    author: Reference<Author>,
    #[weaviate(targets(Author, Book))]
    credits: MultiReference,
    #[weaviate(vector = "own")]
    own: Vec<f32>,
    #[weaviate(skip)]
    note: String,
}

fn book() -> Book {
    Book {
        id: None,
        isbn: "978-0".into(),
        title: "Dune".into(),
        pages: Some(412),
        tags: vec!["sf".into()],
        address: Address {
            street: "Main".into(),
            postal_code: None,
            cached: 7,
        },
        previous: vec![Address::default()],
        author: Reference::to([Uuid::from_u128(1)]),
        credits: MultiReference::to([ReferenceTarget::new("Author", Uuid::from_u128(2))]),
        own: vec![0.1, 0.2, 0.3],
        note: "not stored".into(),
    }
}

#[test]
fn the_schema_follows_the_attributes() {
    let config = Book::collection_config();
    assert_eq!(Book::NAME, "BookItem");
    assert!(config.is_multi_tenant());
    let names: Vec<&str> = config.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "isbn", "headline", "pages", "tags", "address", "previous", "author", "credits"
        ]
    );
    let isbn = config.find_property("isbn").unwrap();
    assert_eq!(isbn.tokenization, Some(Tokenization::Field));
    assert_eq!(
        config.find_property("pages").unwrap().index_range_filters,
        Some(true)
    );
    assert_eq!(
        config.find_property("tags").unwrap().data_type,
        DataType::TextArray
    );
    let address = config.find_property("address").unwrap();
    assert_eq!(address.data_type, DataType::Object);
    let nested: Vec<&str> = address
        .nested_properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(nested, ["street", "postalCode"]);
    assert_eq!(
        address.nested_properties[1].tokenization,
        Some(Tokenization::Field)
    );
    assert_eq!(
        config.find_property("previous").unwrap().data_type,
        DataType::ObjectArray
    );
    assert_eq!(
        config.find_property("author").unwrap().data_type,
        DataType::reference("Author")
    );
    assert_eq!(
        config.find_property("credits").unwrap().data_type,
        DataType::references(["Author", "BookItem"])
    );

    let title_vec = &config.vector_config["title_vec"];
    let vectorizer = title_vec.vectorizer.as_ref().unwrap();
    assert_eq!(vectorizer.module, "text2vec-bigram");
    assert_eq!(vectorizer.settings["properties"], json!(["headline"]));
    assert_eq!(title_vec.vector_index_type, Some(VectorIndexType::Hnsw));
    let json = serde_json::to_value(title_vec).unwrap();
    assert_eq!(
        json["vectorIndexConfig"]["pq"],
        json!({"enabled": true, "segments": 8})
    );
    let own = &config.vector_config["own"];
    assert!(own.vectorizer.as_ref().unwrap().is_self_provided());
    assert_eq!(own.vector_index_type, Some(VectorIndexType::Flat));
}

#[test]
fn values_round_trip_through_json() {
    let book = book();
    let properties = book.to_properties().unwrap();
    assert_eq!(properties["headline"], json!("Dune"));
    assert_eq!(properties["address"], json!({"street": "Main"}));
    assert!(!properties.contains_key("note"));
    assert!(!properties.contains_key("own"));
    let back = Book::from_json_properties(&properties).unwrap();
    let expected = Book {
        note: String::new(),
        own: vec![],
        address: Address {
            cached: 0,
            ..book.address.clone()
        },
        ..book.clone()
    };
    assert_eq!(back, expected);

    let err = Book::from_json_properties(&serde_json::Map::new()).unwrap_err();
    assert!(err.to_string().contains("`isbn`"), "{err}");
}

#[test]
fn encoding_errors_name_the_property() {
    #[derive(weaviate_orm::WeaviateCollection)]
    struct Big {
        count: i64,
    }
    let err = Big { count: i64::MAX }.to_properties().unwrap_err();
    assert!(err.to_string().contains("property `count`"), "{err}");
}

#[test]
fn ids_come_from_the_id_field_or_the_keys() {
    let mut book = book();
    let derived = deterministic_id("BookItem", &[json!("978-0")]);
    assert_eq!(book.id(), Some(derived));
    let own = Uuid::from_u128(9);
    book.id = Some(own);
    assert_eq!(book.id(), Some(own));
    let author = Author {
        id: own,
        name: "A".into(),
    };
    assert_eq!(author.id(), Some(own));
}

#[test]
fn vectors_are_written_read_and_checked() {
    let mut book = book();
    let object = book.to_new_object().unwrap();
    assert_eq!(
        object.vectors.get("own"),
        Some(&Vector::Single(vec![0.1, 0.2, 0.3]))
    );
    assert_eq!(object.id, book.id());

    book.own = vec![1.0; 4];
    let err = book.to_new_object().unwrap_err();
    assert!(err.to_string().contains("`own` has 4 dimensions"), "{err}");

    let mut vectors = Vectors::default();
    vectors
        .named
        .insert("own".into(), Vector::Single(vec![5.0, 6.0, 7.0]));
    let id = Uuid::from_u128(3);
    book.set_id_and_vectors(id, &vectors).unwrap();
    assert_eq!(book.id, Some(id));
    assert_eq!(book.own, vec![5.0, 6.0, 7.0]);
}

#[test]
fn objects_read_back_with_id_and_vectors() {
    let author = Author {
        id: Uuid::from_u128(5),
        name: "Frank".into(),
    };
    let object = Object {
        id: author.id,
        collection: "Author".into(),
        properties: author.to_properties().unwrap(),
        vectors: Vectors::default(),
        tenant: None,
        metadata: Default::default(),
    };
    assert_eq!(Author::from_object(&object).unwrap(), author);
}

#[test]
fn nested_objects_are_property_values() {
    assert_eq!(Address::data_type(), DataType::Object);
    assert_eq!(<Vec<Address>>::data_type(), DataType::ObjectArray);
    let json = Address {
        street: "x".into(),
        postal_code: Some("1".into()),
        cached: 1,
    }
    .to_json()
    .unwrap();
    assert_eq!(json, Some(json!({"street": "x", "postalCode": "1"})));
    assert!(Address::from_json(&json!("not an object")).is_err());
}

#[test]
fn handles_and_registration() {
    let fields = Book::fields();
    assert_eq!(fields.title.name(), "headline");
    assert_eq!(fields.title.data_type(), DataType::Text);
    assert_eq!(<Book as WeaviateCollection>::fields().isbn.name(), "isbn");
    assert_eq!(Book::vectors().title_vec.name(), "title_vec");
    let registered = weaviate_orm::typed::registry::collections();
    let book = registered.iter().find(|c| c.name == "BookItem").unwrap();
    assert!(book.rust_type.ends_with("::Book"), "{}", book.rust_type);
    assert_eq!((book.config)(), Book::collection_config());
}

/// A collection once called `Post`, whose `title` was `headline` and `wordCount` was `words`.
#[derive(weaviate_orm::WeaviateCollection)]
#[weaviate(renamed_from = "Post", rename_all = "camelCase")]
struct Article {
    #[weaviate(renamed_from = "headline")]
    title: String,
    #[weaviate(renamed_from = "words")]
    word_count: i64,
    #[weaviate(rename = "text", renamed_from = "body")]
    content: String,
    tags: Vec<String>,
}

/// Only a property renamed.
#[derive(weaviate_orm::WeaviateCollection)]
struct Memo {
    #[weaviate(renamed_from = "body")]
    text: String,
}

#[test]
fn renames_are_constants_and_registered() {
    let expected = Renames {
        collection: Some("Post"),
        properties: &[
            PropertyRename {
                from: "headline",
                to: "title",
            },
            PropertyRename {
                from: "words",
                to: "wordCount",
            },
            PropertyRename {
                from: "body",
                to: "text",
            },
        ],
    };
    assert_eq!(Article::RENAMES, expected);
    assert_eq!(Article::RENAMES.former_name_of("text"), Some("body"));
    assert_eq!(Article::RENAMES.former_name_of("tags"), None);
    // The renames change no current name.
    let names: Vec<String> = Article::collection_config()
        .properties
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["title", "wordCount", "text", "tags"]);
    assert_eq!(Article::NAME, "Article");

    assert_eq!(Memo::RENAMES.collection, None);
    assert_eq!(Memo::RENAMES.former_name_of("text"), Some("body"));
    assert_eq!(Book::RENAMES, Renames::NONE);

    let registered = weaviate_orm::typed::registry::collections();
    let find = |name: &str| {
        registered
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name} is not registered"))
    };
    assert_eq!(find("Article").renames, expected);
    assert_eq!(find("Memo").renames, Memo::RENAMES);
    assert!(find("BookItem").renames.is_empty());
    assert!(find("Author").renames.is_empty());
}
