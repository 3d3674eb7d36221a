//! Days and calendar months over unix seconds, without a clock.
//!
//! Profiles speak in months ("deactivated after 6 months", "restorable for 3
//! months"). postvakt defines a month as a **calendar month in UTC**: the
//! time is turned into a civil date (proleptic Gregorian, UTC), the month is
//! advanced, and the time of day is kept. When the day does not exist in the
//! target month it is clamped to that month's last day, so 31 January plus
//! one month is 28 February (29 in a leap year), and 31 August plus six
//! months is the last day of February. This is what a person reading "in 6
//! months" on a notice expects, and it needs no time-zone data.
//!
//! Arithmetic saturates at the ends of `u64`: no input panics.

/// Seconds in a day (UTC has no leap seconds in unix time).
pub const DAY: u64 = 86_400;

/// A civil date: year, month (1–12) and day (1–31).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CivilDate {
    /// The year.
    pub year: i64,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1–31.
    pub day: u32,
}

/// `unix` plus `days` whole days, saturating.
pub fn add_days(unix: u64, days: u32) -> u64 {
    unix.saturating_add(u64::from(days) * DAY)
}

/// `unix` minus `days` whole days, saturating at the epoch.
pub fn sub_days(unix: u64, days: u32) -> u64 {
    unix.saturating_sub(u64::from(days) * DAY)
}

/// `unix` plus `months` calendar months (see the module doc), saturating.
pub fn add_months(unix: u64, months: u32) -> u64 {
    let (days, secs) = (unix / DAY, unix % DAY);
    let date = civil_from_days(days as i64);
    let index = date.year * 12 + i64::from(date.month - 1) + i64::from(months);
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    let day = date.day.min(days_in_month(year, month));
    let target = days_from_civil(CivilDate { year, month, day });
    let total = i128::from(target) * i128::from(DAY) + i128::from(secs);
    u64::try_from(total).unwrap_or(u64::MAX)
}

/// The civil date (UTC) of a unix time.
pub fn date_of(unix: u64) -> CivilDate {
    civil_from_days((unix / DAY) as i64)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's algorithms ("chrono-compatible low-level date
// algorithms"): eras of 400 years, days counted from 1 March so leap days
// fall at the end of a year.
fn days_from_civil(date: CivilDate) -> i64 {
    let year = if date.month <= 2 {
        date.year - 1
    } else {
        date.year
    };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = i64::from((date.month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(date.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> CivilDate {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    CivilDate { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Unix times checked against `date -u -d`.
    const JAN_15_2026_10H: u64 = 1_768_471_200; // 2026-01-15T10:00:00Z
    const JUL_15_2026_10H: u64 = 1_784_109_600; // 2026-07-15T10:00:00Z
    const JAN_31_2024: u64 = 1_706_659_200; // 2024-01-31T00:00:00Z
    const FEB_29_2024: u64 = 1_709_164_800; // 2024-02-29T00:00:00Z
    const AUG_31_2026: u64 = 1_788_134_400; // 2026-08-31T00:00:00Z
    const FEB_28_2027: u64 = 1_803_772_800; // 2027-02-28T00:00:00Z

    #[test]
    fn dates() {
        assert_eq!(
            date_of(0),
            CivilDate {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            date_of(JAN_15_2026_10H),
            CivilDate {
                year: 2026,
                month: 1,
                day: 15
            }
        );
        assert_eq!(
            date_of(FEB_29_2024),
            CivilDate {
                year: 2024,
                month: 2,
                day: 29
            }
        );
        for days in [0i64, 59, 60, 365, 10_957, 20_000, 2_932_896] {
            assert_eq!(days_from_civil(civil_from_days(days)), days);
        }
    }

    #[test]
    fn months_keep_the_day_and_time() {
        assert_eq!(add_months(JAN_15_2026_10H, 6), JUL_15_2026_10H);
        assert_eq!(add_months(JAN_15_2026_10H, 0), JAN_15_2026_10H);
        assert_eq!(
            date_of(add_months(JAN_15_2026_10H, 12)),
            CivilDate {
                year: 2027,
                month: 1,
                day: 15
            }
        );
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        assert_eq!(add_months(JAN_31_2024, 1), FEB_29_2024);
        assert_eq!(add_months(AUG_31_2026, 6), FEB_28_2027);
        assert_eq!(
            date_of(add_months(AUG_31_2026, 1)),
            CivilDate {
                year: 2026,
                month: 9,
                day: 30
            }
        );
    }

    #[test]
    fn saturates() {
        assert_eq!(add_months(u64::MAX, 1), u64::MAX);
        assert_eq!(add_months(u64::MAX - DAY * 400, u32::MAX), u64::MAX);
        assert_eq!(add_days(u64::MAX, 1), u64::MAX);
        assert_eq!(sub_days(5, 1), 0);
    }
}
