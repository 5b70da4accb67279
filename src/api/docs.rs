//! The OpenAPI 3.1 document, generated from the handlers' annotations (so it
//! cannot drift from them), and the human-readable page rendered from it by
//! the app itself (no script, nothing from elsewhere: it works offline).

use actix_web::{get, HttpRequest, HttpResponse};
use askama::Template;
use serde_json::Value;
use utoipa::OpenApi;

use super::error::{ApiError, Problem};
use super::http::{json, Freshness};
use super::{exhibitions, letters, members, petitions, statistics};
use crate::web::{render, AppError, PageCtx};

pub const DOCUMENT_PATH: &str = "/api/v1/openapi.json";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Solidarity public API",
        version = "1",
        description = "Read-only JSON of what the association's public pages show: members by \
continent and country, the member directory, the officers, petitions with their counts and \
signature history, the letters archive and upcoming exhibitions. No account is needed. Every \
answer carries an ETag (send it back in If-None-Match for a 304) and Cache-Control; GET answers \
carry Access-Control-Allow-Origin: *. Each address may make a limited number of requests a \
minute (429 with Retry-After beyond it). Errors are RFC 9457 problem details. Moments are \
RFC 3339 with their offset (UTC), days are full dates.",
        license(name = "AGPL-3.0-or-later")
    ),
    paths(
        statistics::get_statistics,
        statistics::get_country_statistics,
        members::get_cities,
        members::get_officers,
        petitions::get_petitions,
        petitions::get_petition,
        petitions::get_signature_history,
        letters::get_letters,
        exhibitions::get_exhibitions,
        get_openapi,
    ),
    components(schemas(Problem)),
    tags(
        (name = "members", description = "Member cities, their figures and the officers"),
        (name = "petitions", description = "Petitions, their counts and signature history"),
        (name = "letters", description = "Letters of protest, statements, resolutions and appeals"),
        (name = "exhibitions", description = "A-bomb Poster Exhibitions"),
        (name = "document", description = "This document"),
    )
)]
pub struct ApiDoc;

/// The document as JSON.
pub fn document() -> Value {
    serde_json::to_value(ApiDoc::openapi()).unwrap_or(Value::Null)
}

/// This OpenAPI 3.1 document.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "document",
    responses(
        (status = 200, description = "The OpenAPI 3.1 document of this API", body = Object,
            headers(("ETag" = String, description = "Changes with the API"), ("Cache-Control" = String))),
        (status = 304, description = "The copy named by If-None-Match is current"),
        (status = 429, description = "Too many requests from this address", body = Problem,
            content_type = "application/problem+json", headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
#[get("/openapi.json")]
pub async fn get_openapi(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Ok(json(&req, &document(), Freshness::Minute))
}

// ------------------------------------------------------------ the page

pub struct Parameter {
    pub name: String,
    pub location: String,
    pub required: bool,
    pub kind: String,
    pub description: String,
}

pub struct Outcome {
    pub status: String,
    pub description: String,
    pub kind: String,
}

pub struct Operation {
    pub method: String,
    pub path: String,
    pub anchor: String,
    pub summary: String,
    pub description: String,
    pub parameters: Vec<Parameter>,
    pub responses: Vec<Outcome>,
}

pub struct Field {
    pub name: String,
    pub kind: String,
    pub required: bool,
    pub description: String,
}

pub struct Schema {
    pub name: String,
    pub description: String,
    pub kind: String,
    pub fields: Vec<Field>,
}

fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

/// A schema in a few words: `integer (int64), from 1`, `City`, `list of Officer`.
pub fn describe(schema: &Value) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return reference
            .rsplit('/')
            .next()
            .unwrap_or(reference)
            .to_string();
    }
    for combinator in ["allOf", "oneOf", "anyOf"] {
        if let Some(parts) = schema.get(combinator).and_then(Value::as_array) {
            let words: Vec<String> = parts
                .iter()
                .map(describe)
                .filter(|w| !w.is_empty())
                .collect();
            let joiner = if combinator == "allOf" { " + " } else { " or " };
            return words.join(joiner);
        }
    }
    let types: Vec<String> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    };
    let nullable = types.iter().any(|t| t == "null");
    let main: Vec<&String> = types.iter().filter(|t| *t != "null").collect();
    let mut words = match main.first().map(|t| t.as_str()) {
        Some("array") => format!(
            "list of {}",
            schema.get("items").map(describe).unwrap_or_default()
        ),
        Some(t) => t.to_string(),
        None if schema.get("properties").is_some() => "object".to_string(),
        None => String::new(),
    };
    if let Some(format) = schema.get("format").and_then(Value::as_str) {
        words.push_str(&format!(" ({format})"));
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let values: Vec<String> = values
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect();
        words.push_str(&format!(": {}", values.join(", ")));
    }
    let bounds = [
        ("minimum", "from"),
        ("maximum", "to"),
        ("maxLength", "at most characters:"),
        ("pattern", "matching"),
    ];
    for (key, label) in bounds {
        if let Some(value) = schema.get(key) {
            let value = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            words.push_str(&format!(", {label} {value}"));
        }
    }
    if nullable {
        words.push_str(" or null");
    }
    words.trim().to_string()
}

fn content_kind(response: &Value) -> String {
    response
        .get("content")
        .and_then(Value::as_object)
        .map(|content| {
            content
                .iter()
                .map(|(media, body)| {
                    let schema = body.get("schema").map(describe).unwrap_or_default();
                    if schema.is_empty() {
                        media.clone()
                    } else {
                        format!("{schema} ({media})")
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

/// The document's operations in its order.
pub fn operations(doc: &Value) -> Vec<Operation> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut list = Vec::new();
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item {
            let parameters = op
                .get("parameters")
                .and_then(Value::as_array)
                .map(|params| {
                    params
                        .iter()
                        .map(|p| Parameter {
                            name: text(p, "name"),
                            location: text(p, "in"),
                            required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                            kind: p.get("schema").map(describe).unwrap_or_default(),
                            description: text(p, "description"),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let responses = op
                .get("responses")
                .and_then(Value::as_object)
                .map(|responses| {
                    responses
                        .iter()
                        .map(|(status, r)| Outcome {
                            status: status.clone(),
                            description: text(r, "description"),
                            kind: content_kind(r),
                        })
                        .collect()
                })
                .unwrap_or_default();
            let anchor: String = format!("{method}{path}")
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            list.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                anchor,
                summary: text(op, "summary"),
                description: text(op, "description"),
                parameters,
                responses,
            });
        }
    }
    list
}

/// The document's named schemas, by name.
pub fn schemas(doc: &Value) -> Vec<Schema> {
    let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    schemas
        .iter()
        .map(|(name, schema)| {
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut fields = Vec::new();
            let mut parts = vec![schema];
            if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
                parts.extend(all.iter());
            }
            for part in parts {
                if let Some(properties) = part.get("properties").and_then(Value::as_object) {
                    let part_required: Vec<&str> = part
                        .get("required")
                        .and_then(Value::as_array)
                        .map(|r| r.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    for (field, field_schema) in properties {
                        fields.push(Field {
                            name: field.clone(),
                            kind: describe(field_schema),
                            required: required.contains(&field.as_str())
                                || part_required.contains(&field.as_str()),
                            description: text(field_schema, "description"),
                        });
                    }
                }
            }
            Schema {
                name: name.clone(),
                description: text(schema, "description"),
                kind: if fields.is_empty() {
                    describe(schema)
                } else {
                    String::new()
                },
                fields,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "api/index.html")]
struct ApiPage {
    ctx: PageCtx,
    title: String,
    version: String,
    description: String,
    operations: Vec<Operation>,
    schemas: Vec<Schema>,
    document_path: &'static str,
}

/// The API's documentation for people, from the same document.
#[get("/api")]
pub async fn api_page(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    let doc = document();
    render(&ApiPage {
        ctx,
        title: doc
            .pointer("/info/title")
            .and_then(Value::as_str)
            .unwrap_or("")
            .into(),
        version: doc
            .pointer("/info/version")
            .and_then(Value::as_str)
            .unwrap_or("")
            .into(),
        description: doc
            .pointer("/info/description")
            .and_then(Value::as_str)
            .unwrap_or("")
            .into(),
        operations: operations(&doc),
        schemas: schemas(&doc),
        document_path: DOCUMENT_PATH,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_and_describes_itself() {
        let doc = document();
        assert_eq!(doc["openapi"], "3.1.0");
        assert!(doc.pointer("/paths/~1api~1v1~1openapi.json/get").is_some());
        let ops = operations(&doc);
        assert!(ops.iter().any(|o| o.path == "/api/v1/cities"
            && o.parameters
                .iter()
                .any(|p| p.name == "continent" && p.kind.contains("Continent"))));
        assert!(schemas(&doc)
            .iter()
            .any(|s| s.name == "City"
                && s.fields.iter().any(|f| f.name == "join_year" && f.required)));
    }

    #[test]
    fn schemas_are_described_in_words() {
        let schema =
            serde_json::json!({"type": ["integer", "null"], "format": "int64", "minimum": 1});
        assert_eq!(describe(&schema), "integer (int64), from 1 or null");
        let list =
            serde_json::json!({"type": "array", "items": {"$ref": "#/components/schemas/City"}});
        assert_eq!(describe(&list), "list of City");
    }
}
