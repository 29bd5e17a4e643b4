//! The reader's views, one per route. A view imports the routes, the
//! contexts and the shared components, never another view.

pub mod article;
pub mod home;
pub mod issue;
pub mod not_found;
pub mod page;
pub mod search;
