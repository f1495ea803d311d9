//! Vector search from media (image, audio, video, depth, thermal, IMU), vectorized by the
//! collection's multi-modal vectorizer.

use super::Query;
use super::builder::{Operator, Ranked, Search};
use super::media::{Media, MediaKind};
use super::targets::{TargetsSpec, check_threshold, target_methods, threshold_methods};
use crate::collection::CollectionKind;
use crate::error::Result;
use crate::wire::v1 as pb;

/// The near-media operator, built by [`Query::near_image`] or [`Query::near_media`]: objects near
/// the vector the collection's vectorizer (`multi2vec-clip`, `multi2vec-bind`, ...) makes of the
/// media.
///
/// ```no_run
/// # use weaviate_orm::WeaviateCollection;
/// # use weaviate_orm::typed::Blob;
/// # #[derive(WeaviateCollection)]
/// # #[weaviate(vector(name = "sound", vectorizer = multi2vec_bind(audio_fields = ["clip"])))]
/// # struct Sample { title: String, clip: Blob }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::query::{Media, MediaKind};
///
/// let hits = client.collection_of::<Sample>().query()
///     .near_media(MediaKind::Audio, Media::file("query.wav"))
///     .target(Sample::vectors().sound)
///     .distance(0.4)
///     .limit(5)
///     .await?;
/// # let _ = hits; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct NearMedia {
    kind: MediaKind,
    media: Media,
    pub(crate) certainty: Option<f64>,
    pub(crate) distance: Option<f64>,
    pub(crate) targets: Option<TargetsSpec>,
}

impl NearMedia {
    pub(crate) fn new(kind: MediaKind, media: Media) -> Self {
        NearMedia {
            kind,
            media,
            certainty: None,
            distance: None,
            targets: None,
        }
    }

    /// The kind of media searched with.
    pub fn kind(&self) -> MediaKind {
        self.kind
    }
}

impl crate::sealed::Sealed for NearMedia {}

/// Builds one of the near-media messages, which all have the same fields but the media's.
macro_rules! media_message {
    ($message:ident, $field:ident, $data:expr, $op:expr, $targets:expr) => {
        #[allow(deprecated)]
        pb::$message {
            $field: $data,
            certainty: $op.certainty,
            distance: $op.distance,
            targets: $targets,
            ..Default::default()
        }
    };
}

impl Operator for NearMedia {
    fn __apply(&self, request: &mut pb::SearchRequest) -> Result<()> {
        check_threshold(self.certainty, self.distance)?;
        let targets = self
            .targets
            .as_ref()
            .map(TargetsSpec::to_proto)
            .transpose()?;
        let data = self.media.to_base64()?;
        let op = self;
        match self.kind {
            MediaKind::Image => {
                request.near_image = Some(media_message!(NearImageSearch, image, data, op, targets))
            }
            MediaKind::Audio => {
                request.near_audio = Some(media_message!(NearAudioSearch, audio, data, op, targets))
            }
            MediaKind::Video => {
                request.near_video = Some(media_message!(NearVideoSearch, video, data, op, targets))
            }
            MediaKind::Depth => {
                request.near_depth = Some(media_message!(NearDepthSearch, depth, data, op, targets))
            }
            MediaKind::Thermal => {
                request.near_thermal = Some(media_message!(
                    NearThermalSearch,
                    thermal,
                    data,
                    op,
                    targets
                ))
            }
            MediaKind::Imu => {
                request.near_imu = Some(media_message!(NearImuSearch, imu, data, op, targets))
            }
        }
        Ok(())
    }
}

impl Ranked for NearMedia {}

target_methods!(NearMedia);
threshold_methods!(NearMedia);

impl<C: CollectionKind> Query<C> {
    /// Vector search from an image, vectorized by the collection's multi-modal vectorizer
    /// (`multi2vec-clip`, `multi2vec-bind`, ...): `near_media(MediaKind::Image, image)`.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client, png: Vec<u8>) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::query::Media;
    ///
    /// let similar = client.collection("Photo").query().near_image(Media::bytes(png)).limit(3).await?;
    /// # let _ = similar; Ok(()) }
    /// ```
    pub fn near_image(&self, image: impl Into<Media>) -> Search<C, NearMedia, C::Result> {
        self.near_media(MediaKind::Image, image)
    }

    /// Vector search from media of this kind, vectorized by the collection's multi-modal
    /// vectorizer. The media is read (a [`Media::file`]) and checked (a [`Media::base64`]) when
    /// the search runs, before anything is sent.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::query::{Media, MediaKind};
    ///
    /// let hits = client.collection("Recording").query()
    ///     .near_media(MediaKind::Video, Media::file("clip.mp4"))
    ///     .certainty(0.8)
    ///     .await?;
    /// # let _ = hits; Ok(()) }
    /// ```
    pub fn near_media(
        &self,
        kind: MediaKind,
        media: impl Into<Media>,
    ) -> Search<C, NearMedia, C::Result> {
        self.search(NearMedia::new(kind, media.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Untyped;

    fn request(kind: MediaKind) -> pb::SearchRequest {
        let mut r = pb::SearchRequest::default();
        let mut op = NearMedia::new(kind, Media::bytes(b"ab".to_vec()));
        op.distance = Some(0.5);
        op.targets = Some(crate::query::Targets::<Untyped>::one("v").erase());
        op.__apply(&mut r).unwrap();
        r
    }

    #[test]
    fn each_kind_fills_its_own_message() {
        let r = request(MediaKind::Image);
        let m = r.near_image.unwrap();
        assert_eq!((m.image.as_str(), m.distance), ("YWI=", Some(0.5)));
        assert_eq!(m.targets.unwrap().target_vectors, ["v"]);
        assert_eq!(request(MediaKind::Audio).near_audio.unwrap().audio, "YWI=");
        assert_eq!(request(MediaKind::Video).near_video.unwrap().video, "YWI=");
        assert_eq!(request(MediaKind::Depth).near_depth.unwrap().depth, "YWI=");
        assert_eq!(
            request(MediaKind::Thermal).near_thermal.unwrap().thermal,
            "YWI="
        );
        let imu = request(MediaKind::Imu);
        assert_eq!(imu.near_imu.unwrap().imu, "YWI=");
        assert!(imu.near_image.is_none() && imu.near_audio.is_none());
    }

    #[test]
    fn bad_media_and_both_thresholds_are_refused() {
        let mut r = pb::SearchRequest::default();
        let op = NearMedia::new(MediaKind::Audio, Media::base64("***"));
        assert!(op.__apply(&mut r).is_err());
        assert!(r.near_audio.is_none());
        let mut op = NearMedia::new(MediaKind::Audio, Media::bytes(b"ab".to_vec()));
        op.certainty = Some(0.5);
        op.distance = Some(0.5);
        assert!(op.__apply(&mut r).is_err());
    }
}
