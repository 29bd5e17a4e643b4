//! What more than one view (or the shell) shows: the header's search box
//! and display menu, the kiosk's widgets, the share panel, the footer's
//! offline line, the loading and failure states, and the labels of dates,
//! papers, bylines and pages.

pub mod display;
pub mod kiosk;
pub mod labels;
pub mod offline;
pub mod search_box;
pub mod share;
pub mod status;
