// Weaviate aggregates no geo coordinates, blobs, uuids or phone numbers: they have no `metrics()`.
use weaviate_orm::WeaviateCollection;
use weaviate_orm::typed::{Blob, GeoCoordinates, PhoneNumber};

#[derive(WeaviateCollection)]
struct Shop {
    location: GeoCoordinates,
    logo: Blob,
    owner: uuid::Uuid,
    phone: Option<PhoneNumber>,
}

fn main() {
    let f = Shop::fields();
    let _ = f.location.metrics();
    let _ = f.logo.metrics();
    let _ = f.owner.metrics();
    let _ = f.phone.metrics();
}
