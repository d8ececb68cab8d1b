//! Payment cards, a candidate of the number scanner ([`super::numbers`]): no regex of their
//! own. The Luhn check passes one random number in ten, so the issuer prefix and the grouping
//! printed on cards are required too, which keeps long reference numbers out.

use super::number_value;
use super::numbers::{Group, Joint, luhn_valid};

/// Payment cards: 13–19 digits, Luhn valid, a known issuer prefix (Visa 4, Mastercard 51–55
/// and 2221–2720, Maestro 50/56–69, Amex 34/37, Diners 30/36/38–39, JCB 35, Discover and
/// UnionPay 6), written as one block or in the groups printed on cards (4-4-4-4[-1..3],
/// Amex 4-6-5, Diners 4-6-4) separated by spaces or dashes. Luhn alone would pass one random
/// number in ten; the prefix and the grouping rule keep long reference numbers out.
pub(super) fn is_card(groups: &[Group], d: &[u8]) -> bool {
    if !(13..=19).contains(&d.len()) {
        return false;
    }
    let seps_ok = groups.iter().all(|g| {
        matches!(
            g.joint,
            Joint::Start | Joint::Soft(b' ' | b'-') | Joint::Hard(b'-')
        )
    });
    if !seps_ok {
        return false;
    }
    let lens: Vec<usize> = groups.iter().map(Group::len).collect();
    let grouping_ok = match lens.as_slice() {
        [_] => true,
        [4, 6, 4 | 5] => true,
        [4, rest @ ..] => match rest.split_last() {
            Some((last, middle)) => middle.iter().all(|&l| l == 4) && (1..=4).contains(last),
            None => false,
        },
        _ => false,
    };
    if !grouping_ok {
        return false;
    }
    let prefix_ok = match d {
        [b'2', ..] => {
            let p = number_value(d.get(..4).unwrap_or(&[]));
            (2221..=2720).contains(&p)
        }
        [b'3', b'0' | b'4'..=b'9', ..] => true,
        [b'4' | b'5' | b'6', ..] => true,
        _ => false,
    };
    prefix_ok && luhn_valid(d)
}

#[cfg(test)]
mod tests {
    use super::super::PersonalKind;
    use super::super::test_support::{found, nothing, one};

    #[test]
    fn card_forms() {
        for card in [
            "4111 1111 1111 1111",
            "4111111111111111",
            "4111-1111-1111-1111",
            "5555 5555 5555 4444",
            "3782 822463 10005",
            "6011111111111117",
        ] {
            let text = format!("la mia carta è {card}, scade a breve");
            assert_eq!(found(&text), one(PersonalKind::PaymentCard, card), "{card}");
        }
    }

    #[test]
    fn card_invalid() {
        // Luhn fails.
        assert_eq!(found("4111 1111 1111 1112"), nothing());
        // Luhn passes but no issuer starts with 0 or 1.
        assert_eq!(found("0000 0000 0000 0000"), nothing());
        // Odd grouping.
        assert_eq!(found("41 111111 1111 1111"), nothing());
        // Dots are not card separators.
        assert_eq!(found("4111.1111.1111.1111"), nothing());
    }
}
