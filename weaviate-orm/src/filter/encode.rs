//! Building and rewriting wire filters: leaves, targets, combinations, reference paths.

use crate::wire::v1 as pb;

use pb::filter_target::Target;
use pb::filters::{Operator, TestValue};

/// The target naming property `name` of the filtered collection.
pub(super) fn property(name: impl Into<String>) -> pb::FilterTarget {
    pb::FilterTarget {
        target: Some(Target::Property(name.into())),
    }
}

/// The target counting the references held by reference property `name`.
pub(super) fn count(name: impl Into<String>) -> pb::FilterTarget {
    pb::FilterTarget {
        target: Some(Target::Count(pb::FilterReferenceCount { on: name.into() })),
    }
}

/// The length of property `name`: Weaviate's `len(name)` pseudo-property.
pub(super) fn length(name: &str) -> pb::FilterTarget {
    property(format!("len({name})"))
}

/// A leaf filter: `target operator value`.
pub(super) fn leaf(operator: Operator, target: pb::FilterTarget, value: TestValue) -> pb::Filters {
    pb::Filters {
        operator: operator as i32,
        target: Some(target),
        test_value: Some(value),
        ..Default::default()
    }
}

/// Whether `filter` combines other filters (AND, OR, NOT) rather than testing a target.
pub(super) fn is_combination(filter: &pb::Filters) -> bool {
    matches!(
        Operator::try_from(filter.operator),
        Ok(Operator::And | Operator::Or | Operator::Not)
    )
}

/// Whether `filter` is a plain `operator` node (no target nor value), safe to merge operands into.
fn is_plain(filter: &pb::Filters, operator: Operator) -> bool {
    #[allow(deprecated)]
    let on_empty = filter.on.is_empty();
    filter.operator == operator as i32
        && filter.target.is_none()
        && filter.test_value.is_none()
        && on_empty
}

/// `operator` (AND or OR) over `filters`, merging operands that are themselves plain `operator`
/// nodes (`(a AND b) AND c` is sent as `AND(a, b, c)`).
pub(super) fn combine(
    operator: Operator,
    filters: impl IntoIterator<Item = pb::Filters>,
) -> pb::Filters {
    let mut operands = Vec::new();
    for filter in filters {
        if is_plain(&filter, operator) {
            operands.extend(filter.filters);
        } else {
            operands.push(filter);
        }
    }
    pb::Filters {
        operator: operator as i32,
        filters: operands,
        ..Default::default()
    }
}

/// NOT `filter`; a double negation cancels out.
pub(super) fn negate(filter: pb::Filters) -> pb::Filters {
    if is_plain(&filter, Operator::Not) && filter.filters.len() == 1 {
        return filter.filters.into_iter().next().unwrap_or_default();
    }
    pb::Filters {
        operator: Operator::Not as i32,
        filters: vec![filter],
        ..Default::default()
    }
}

/// The target of a leaf: its `target`, or one made from the deprecated `on` path
/// (`[property]`, or `[reference, Collection, property, ...]`).
fn leaf_target(filter: &mut pb::Filters) -> pb::FilterTarget {
    if let Some(target) = filter.target.take() {
        return target;
    }
    #[allow(deprecated)]
    let on = std::mem::take(&mut filter.on);
    from_path(&on)
}

fn from_path(on: &[String]) -> pb::FilterTarget {
    match on {
        [reference, collection, rest @ ..] if !rest.is_empty() => pb::FilterTarget {
            target: Some(Target::MultiTarget(Box::new(
                pb::FilterReferenceMultiTarget {
                    on: reference.clone(),
                    target: Some(Box::new(from_path(rest))),
                    target_collection: collection.clone(),
                },
            ))),
        },
        [property, ..] => self::property(property.clone()),
        [] => self::property(String::new()),
    }
}

/// Rewrites every leaf of `filter` to look through a reference: each leaf's target becomes
/// `through(target)`. Combinations keep their shape (each leaf matches when one of the reference's
/// targets matches it).
pub(super) fn through_reference(
    mut filter: pb::Filters,
    through: &dyn Fn(pb::FilterTarget) -> pb::FilterTarget,
) -> pb::Filters {
    if is_combination(&filter) {
        filter.filters = (filter.filters.into_iter())
            .map(|f| through_reference(f, through))
            .collect();
        return filter;
    }
    let target = leaf_target(&mut filter);
    filter.target = Some(through(target));
    filter
}

/// `target`, seen through single-target reference property `on`.
pub(super) fn single_target(on: &str, target: pb::FilterTarget) -> pb::FilterTarget {
    pb::FilterTarget {
        target: Some(Target::SingleTarget(Box::new(
            pb::FilterReferenceSingleTarget {
                on: on.to_owned(),
                target: Some(Box::new(target)),
            },
        ))),
    }
}

/// `target`, seen through multi-target reference property `on` into `collection`.
pub(super) fn multi_target(
    on: &str,
    collection: &str,
    target: pb::FilterTarget,
) -> pb::FilterTarget {
    pb::FilterTarget {
        target: Some(Target::MultiTarget(Box::new(
            pb::FilterReferenceMultiTarget {
                on: on.to_owned(),
                target: Some(Box::new(target)),
                target_collection: collection.to_owned(),
            },
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eq(name: &str, v: i64) -> pb::Filters {
        leaf(Operator::Equal, property(name), TestValue::ValueInt(v))
    }

    #[test]
    fn leaves_carry_operator_target_and_value() {
        let f = eq("views", 3);
        assert_eq!(f.operator, Operator::Equal as i32);
        assert_eq!(f.target, Some(property("views")));
        assert_eq!(f.test_value, Some(TestValue::ValueInt(3)));
        assert!(f.filters.is_empty());
        assert_eq!(length("title"), property("len(title)"));
    }

    #[test]
    fn combinations_merge_plain_operands_of_the_same_operator() {
        let and = combine(Operator::And, [eq("a", 1), eq("b", 2)]);
        let and3 = combine(Operator::And, [and.clone(), eq("c", 3)]);
        assert_eq!(and3.filters, vec![eq("a", 1), eq("b", 2), eq("c", 3)]);
        let or = combine(Operator::Or, [and.clone(), eq("c", 3)]);
        assert_eq!(or.filters, vec![and.clone(), eq("c", 3)]);
        assert_eq!(negate(negate(and.clone())), and);
        let not = negate(eq("a", 1));
        assert_eq!(not.operator, Operator::Not as i32);
        assert_eq!(not.filters, vec![eq("a", 1)]);
    }

    #[test]
    fn reference_paths_wrap_every_leaf() {
        let f = combine(Operator::Or, [eq("a", 1), negate(eq("b", 2))]);
        let wrapped = through_reference(f, &|t| single_target("author", t));
        let expect = combine(
            Operator::Or,
            [
                leaf(
                    Operator::Equal,
                    single_target("author", property("a")),
                    TestValue::ValueInt(1),
                ),
                negate(leaf(
                    Operator::Equal,
                    single_target("author", property("b")),
                    TestValue::ValueInt(2),
                )),
            ],
        );
        assert_eq!(wrapped, expect);
    }

    #[test]
    #[allow(deprecated)]
    fn deprecated_on_paths_become_targets() {
        let mut old = pb::Filters {
            operator: Operator::Equal as i32,
            on: vec!["author".into(), "Author".into(), "name".into()],
            test_value: Some(TestValue::ValueText("Ann".into())),
            ..Default::default()
        };
        assert_eq!(
            leaf_target(&mut old),
            multi_target("author", "Author", property("name"))
        );
        assert!(old.on.is_empty());
        let mut plain = pb::Filters {
            on: vec!["title".into()],
            ..Default::default()
        };
        assert_eq!(leaf_target(&mut plain), property("title"));
    }
}
