import Foundation

/// The US federal holiday calendar (observed dates), as pandas' `USFederalHolidayCalendar`:
/// New Year's Day, Martin Luther King Jr. Day (from 1986), Presidents Day, Memorial Day,
/// Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving, Christmas; fixed-date
/// holidays falling on Saturday are observed on Friday and on Sunday on Monday.
public enum USFederalHolidays {
    /// Whether `year-month-day` is an (observed) federal holiday.
    public static func contains(year: Int, month: Int, day: Int) -> Bool {
        for y in [year - 1, year, year + 1] where dates(in: y).contains(where: { $0 == (year, month, day) }) {
            return true
        }
        return false
    }

    /// The observed holiday dates of `year` (as `(year, month, day)`; New Year's Day may be
    /// observed on 31 December of the previous year).
    public static func dates(in year: Int) -> [(Int, Int, Int)] {
        var out: [(Int, Int, Int)] = []
        for (m, d) in [(1, 1), (7, 4), (11, 11), (12, 25)] { out.append(observed(year, m, d)) }
        if year >= 1986 { out.append((year, 1, nthWeekday(year, 1, weekday: 2, n: 3))) }
        out.append((year, 2, nthWeekday(year, 2, weekday: 2, n: 3)))
        out.append((year, 5, lastWeekday(year, 5, weekday: 2)))
        out.append((year, 9, nthWeekday(year, 9, weekday: 2, n: 1)))
        out.append((year, 10, nthWeekday(year, 10, weekday: 2, n: 2)))
        out.append((year, 11, nthWeekday(year, 11, weekday: 5, n: 4)))
        return out
    }

    /// Day of week, 1 = Sunday … 7 = Saturday (Gregorian, Zeller-style).
    public static func weekday(_ year: Int, _ month: Int, _ day: Int) -> Int {
        // Sakamoto's method: 0 = Sunday.
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + t[month - 1] + day) % 7 + 1
    }

    /// Day of year (1-based).
    public static func dayOfYear(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return cumulative[month - 1] + day + (leap && month > 2 ? 1 : 0)
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    static func observed(_ year: Int, _ month: Int, _ day: Int) -> (Int, Int, Int) {
        switch weekday(year, month, day) {
        case 7:  // Saturday → Friday
            if day > 1 { return (year, month, day - 1) }
            return month > 1 ? (year, month - 1, daysInMonth(year, month - 1)) : (year - 1, 12, 31)
        case 1:  // Sunday → Monday
            return day < daysInMonth(year, month)
                ? (year, month, day + 1) : (month < 12 ? (year, month + 1, 1) : (year + 1, 1, 1))
        default: return (year, month, day)
        }
    }

    static func nthWeekday(_ year: Int, _ month: Int, weekday target: Int, n: Int) -> Int {
        let first = weekday(year, month, 1)
        return 1 + (target - first + 7) % 7 + 7 * (n - 1)
    }

    static func lastWeekday(_ year: Int, _ month: Int, weekday target: Int) -> Int {
        let last = daysInMonth(year, month)
        return last - (weekday(year, month, last) - target + 7) % 7
    }
}
