//! Solidarity: the secretariat's web application for an association of cities
//! working for peace. One module per area; see README for the map.

pub mod accounts;
pub mod api;
pub mod app;
pub mod audit;
pub mod auth;
pub mod campaigns;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod dues;
pub mod exhibitions;
pub mod home;
pub mod i18n;
pub mod jobs;
pub mod letters;
pub mod mail;
pub mod meetings;
pub mod membership;
pub mod metrics;
pub mod petitions;
pub mod schema;
pub mod settings;
pub mod startup;
pub mod web;
