//! One signature per person and petition needs one form of each address.
//!
//! The choice (stated in the README): the whole address is lower-cased; a
//! "+tag" after the local part is dropped for every provider (sub-addresses
//! reach the same inbox almost everywhere); dots in the local part are dropped
//! only for Gmail, where they are ignored, and googlemail.com counts as gmail.com.

use crate::domain::EmailAddress;

pub fn signing_key(email: &EmailAddress) -> String {
    let lower = email.key();
    let Some((local, domain)) = lower.rsplit_once('@') else {
        return lower;
    };
    let local = local.split('+').next().unwrap_or(local);
    let domain = if domain == "googlemail.com" {
        "gmail.com"
    } else {
        domain
    };
    let local = if domain == "gmail.com" {
        local.replace('.', "")
    } else {
        local.to_string()
    };
    format!("{local}@{domain}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(address: &str) -> String {
        signing_key(&EmailAddress::parse(address).unwrap())
    }

    #[test]
    fn gmail_dots_and_tags_and_case_fold_together() {
        assert_eq!(
            key("Sadako.Sasaki+peace@GMAIL.com"),
            "sadakosasaki@gmail.com"
        );
        assert_eq!(key("sadakosasaki@googlemail.com"), "sadakosasaki@gmail.com");
        assert_eq!(
            key("j.smith+tpnw@example.org"),
            "j.smith@example.org",
            "dots matter elsewhere"
        );
        assert_ne!(key("j.smith@example.org"), key("jsmith@example.org"));
    }
}
