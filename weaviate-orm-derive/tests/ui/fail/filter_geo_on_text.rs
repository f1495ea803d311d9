use weaviate_orm::WeaviateCollection;
use weaviate_orm::typed::GeoCoordinates;

#[derive(WeaviateCollection)]
struct Shop {
    city: String,
}

fn main() {
    let berlin = GeoCoordinates { latitude: 52.52, longitude: 13.405 };
    let _ = Shop::fields().city.within_geo_range(berlin, 1000.0);
}
