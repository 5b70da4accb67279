//! Who the client is: the peer of the connection, unless the peer is one of
//! the TRUSTED_PROXIES; then the rightmost address in `X-Forwarded-For` (or in
//! `Forwarded`, when configured) that is not itself a trusted proxy. Anything
//! left of it was written by the client and is never believed; a value that is
//! not an IP address is never taken (nor stored anywhere).

use std::net::{IpAddr, SocketAddr};

use actix_web::http::header::{self, HeaderMap};
use actix_web::{web, HttpRequest};

use crate::config::{canonical_ip, ProxyConfig, ProxyHeader};
use crate::web::AppState;

/// The client's address as rate limits, submissions and the audit log store it.
pub fn client_address(req: &HttpRequest) -> Option<IpAddr> {
    let peer = canonical_ip(req.peer_addr()?.ip());
    match req.app_data::<web::Data<AppState>>() {
        Some(state) => Some(resolve(peer, req.headers(), &state.config.proxies)),
        None => Some(peer),
    }
}

/// Walks the hops from the nearest: each trusted one vouches for the address
/// it reports; the first hop that is not trusted is the client. When a
/// trusted hop reports something that is not an address, the nearest address
/// known is the answer.
pub fn resolve(peer: IpAddr, headers: &HeaderMap, proxies: &ProxyConfig) -> IpAddr {
    if !proxies.is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    for hop in hops(headers, proxies.header).into_iter().rev() {
        let Some(address) = hop else {
            break;
        };
        client = address;
        if !proxies.is_trusted(address) {
            break;
        }
    }
    client
}

/// The addresses the header lists, nearest last (`None` for a value that is
/// not an address).
fn hops(headers: &HeaderMap, kind: ProxyHeader) -> Vec<Option<IpAddr>> {
    let name = match kind {
        ProxyHeader::XForwardedFor => header::X_FORWARDED_FOR,
        ProxyHeader::Forwarded => header::FORWARDED,
    };
    headers
        .get_all(name)
        .flat_map(|value| {
            let text = value.to_str().unwrap_or_default();
            text.split(',')
                .map(|element| match kind {
                    ProxyHeader::XForwardedFor => parse_address(element),
                    ProxyHeader::Forwarded => forwarded_for(element),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// `for=` of one element of RFC 7239 `Forwarded` (`for=192.0.2.60;proto=http`).
fn forwarded_for(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("for")
            .then(|| parse_address(value.trim().trim_matches('"')))
            .flatten()
    })
}

/// `192.0.2.1`, `2001:db8::1`, `[2001:db8::1]`, or either with a port.
fn parse_address(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    text.parse::<IpAddr>()
        .or_else(|_| text.parse::<SocketAddr>().map(|s| s.ip()))
        .or_else(|_| {
            text.strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .unwrap_or_default()
                .parse::<IpAddr>()
        })
        .ok()
        .map(canonical_ip)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn proxies(list: &[&str], header: ProxyHeader) -> ProxyConfig {
        ProxyConfig {
            trusted: list
                .iter()
                .map(|n| {
                    n.parse()
                        .or_else(|_| n.parse::<IpAddr>().map(ipnet::IpNet::from))
                        .unwrap()
                })
                .collect(),
            header,
        }
    }

    fn headers(name: &'static str, values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in values {
            map.append(
                HeaderName::from_static(name),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_writes() {
        let config = proxies(&["10.0.0.0/8"], ProxyHeader::XForwardedFor);
        let h = headers("x-forwarded-for", &["198.51.100.1"]);
        assert_eq!(resolve(ip("203.0.113.9"), &h, &config), ip("203.0.113.9"));
        let none = ProxyConfig::default();
        assert_eq!(resolve(ip("10.0.0.1"), &h, &none), ip("10.0.0.1"));
    }

    #[test]
    fn the_rightmost_untrusted_address_counts() {
        let config = proxies(&["10.0.0.0/8"], ProxyHeader::XForwardedFor);
        let h = headers(
            "x-forwarded-for",
            &["1.1.1.1, 2.2.2.2", "203.0.113.9, 10.0.0.7"],
        );
        assert_eq!(resolve(ip("10.0.0.1"), &h, &config), ip("203.0.113.9"));
        // Only proxies: the leftmost reported hop.
        let h = headers("x-forwarded-for", &["10.0.0.9"]);
        assert_eq!(resolve(ip("10.0.0.1"), &h, &config), ip("10.0.0.9"));
        // Garbage reported by a trusted hop: the nearest known address.
        let h = headers("x-forwarded-for", &["203.0.113.9, <script>"]);
        assert_eq!(resolve(ip("10.0.0.1"), &h, &config), ip("10.0.0.1"));
        // Ports and brackets.
        let h = headers("x-forwarded-for", &["[2001:db8::1]:4711"]);
        assert_eq!(resolve(ip("10.0.0.1"), &h, &config), ip("2001:db8::1"));
    }

    #[test]
    fn forwarded_is_read_only_when_configured() {
        let h = headers(
            "forwarded",
            &["for=198.51.100.4, for=\"[2001:db8::7]:80\";proto=https"],
        );
        let xff = proxies(&["127.0.0.1"], ProxyHeader::XForwardedFor);
        assert_eq!(resolve(ip("127.0.0.1"), &h, &xff), ip("127.0.0.1"));
        let fwd = proxies(&["127.0.0.1"], ProxyHeader::Forwarded);
        assert_eq!(resolve(ip("127.0.0.1"), &h, &fwd), ip("2001:db8::7"));
    }
}
