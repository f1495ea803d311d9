//! Settings as calls of the runtime's schema builders, kept as data: a base (`Type::new(..)` or a
//! `Type { field: .., ..Default::default() }` literal) and its setter calls in the order the
//! attribute wrote them. Only codegen turns them into tokens.

/// An argument of a constructor or setter.
pub(crate) enum Arg {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// An array: `[a, b]`.
    List(Vec<Arg>),
    /// `Option::Some(..)`.
    Some(Box<Arg>),
    /// `Option::None`.
    None,
    /// A variant of an enum of `weaviate_orm::schema`: `Distance::Cosine`.
    Variant {
        ty: &'static str,
        variant: String,
    },
    /// A nested builder value.
    Builder(Box<Builder>),
}

/// How a builder value starts.
pub(crate) enum Base {
    /// `weaviate_orm::schema::<ty>::<ctor>(args)`.
    Call {
        ty: &'static str,
        ctor: &'static str,
        args: Vec<Arg>,
    },
    /// `weaviate_orm::schema::<ty> { field: value, .., ..Default::default() }`.
    Fields {
        ty: &'static str,
        fields: Vec<(&'static str, Arg)>,
    },
}

/// A value of a `weaviate_orm::schema` type: its base and setter calls.
pub(crate) struct Builder {
    pub base: Base,
    pub setters: Vec<Setter>,
}

/// `.method(args)`.
pub(crate) struct Setter {
    pub method: &'static str,
    pub args: Vec<Arg>,
}

impl Builder {
    /// `<ty>::<ctor>(args)`, no setters yet.
    pub(crate) fn call(ty: &'static str, ctor: &'static str, args: Vec<Arg>) -> Builder {
        Builder {
            base: Base::Call { ty, ctor, args },
            setters: Vec::new(),
        }
    }

    /// `<ty>::new()`, no setters yet.
    pub(crate) fn new(ty: &'static str) -> Builder {
        Builder::call(ty, "new", Vec::new())
    }

    /// A struct literal of `fields`, the rest defaulted.
    pub(crate) fn fields(ty: &'static str, fields: Vec<(&'static str, Arg)>) -> Builder {
        Builder {
            base: Base::Fields { ty, fields },
            setters: Vec::new(),
        }
    }

    /// The builder with `setters` appended.
    pub(crate) fn with(mut self, setters: Vec<Setter>) -> Builder {
        self.setters.extend(setters);
        self
    }
}

impl Setter {
    /// `.method(arg)`.
    pub(crate) fn new(method: &'static str, arg: Arg) -> Setter {
        Setter {
            method,
            args: vec![arg],
        }
    }
}

impl Arg {
    /// A variant of a `weaviate_orm::schema` enum.
    pub(crate) fn variant(ty: &'static str, variant: impl Into<String>) -> Arg {
        Arg::Variant {
            ty,
            variant: variant.into(),
        }
    }

    /// A list of strings.
    pub(crate) fn strs(items: Vec<String>) -> Arg {
        Arg::List(items.into_iter().map(Arg::Str).collect())
    }

    /// A nested builder value.
    pub(crate) fn builder(b: Builder) -> Arg {
        Arg::Builder(Box::new(b))
    }

    /// `Some(arg)`.
    pub(crate) fn some(arg: Arg) -> Arg {
        Arg::Some(Box::new(arg))
    }
}
