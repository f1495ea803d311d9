use weaviate_orm::typed::{GeoCoordinates, PhoneNumber};
use weaviate_orm::WeaviateObject;

// Weaviate refuses geoCoordinates and phoneNumber inside nested objects.
#[derive(WeaviateObject)]
struct Address {
    street: String,
    geo: Option<GeoCoordinates>,
    phone: PhoneNumber,
}

fn main() {}
