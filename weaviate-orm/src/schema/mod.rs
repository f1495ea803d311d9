//! Collection schema model (filled in by the schema work).
