package pydatetime

// Proleptic Gregorian calendar arithmetic on ordinals, where 0001-01-01
// is day 1, as CPython's datetime module defines it.

const (
	minYear    = 1
	maxYear    = 9999
	maxOrdinal = 3652059 // date(9999, 12, 31).toordinal()

	usPerSecond = 1_000_000
	usPerDay    = 86_400 * usPerSecond
	secPerDay   = 86_400
)

var daysInMonthTab = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

var daysBeforeMonthTab = [13]int{0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysInMonth(y, m int) int {
	if m == 2 && isLeap(y) {
		return 29
	}
	return daysInMonthTab[m]
}

// daysBeforeYear is the number of days before January 1st of year y.
func daysBeforeYear(y int) int {
	y--
	return y*365 + y/4 - y/100 + y/400
}

func daysBeforeMonth(y, m int) int {
	if m > 2 && isLeap(y) {
		return daysBeforeMonthTab[m] + 1
	}
	return daysBeforeMonthTab[m]
}

// ymdToOrd converts a valid date to its ordinal.
func ymdToOrd(y, m, d int) int { return daysBeforeYear(y) + daysBeforeMonth(y, m) + d }

const (
	di400y = 146097 // days in 400 years
	di100y = 36524  // days in 100 years
	di4y   = 1461   // days in 4 years
)

// ordToYMD converts an ordinal (>= 1) to year, month and day.
func ordToYMD(n int) (y, m, d int) {
	n400, n := floorDivMod(n-1, di400y) // floor: CPython's parsers may pass n <= 0
	y = n400*400 + 1
	n100, n := n/di100y, n%di100y
	n4, n := n/di4y, n%di4y
	n1, n := n/365, n%365
	y += n100*100 + n4*4 + n1
	if n1 == 4 || n100 == 4 {
		return y - 1, 12, 31
	}
	leap := n1 == 3 && (n4 != 24 || n100 == 3)
	m = (n + 50) >> 5
	preceding := daysBeforeMonthTab[m]
	if m > 2 && leap {
		preceding++
	}
	if preceding > n {
		m--
		preceding -= daysInMonthTab[m]
		if m == 2 && leap {
			preceding--
		}
	}
	return y, m, n - preceding + 1
}

// weekdayOf is Monday == 0 ... Sunday == 6.
func weekdayOf(y, m, d int) int { return (ymdToOrd(y, m, d) + 6) % 7 }

// isoWeek1Monday is the ordinal of the Monday starting ISO week 1 of y.
func isoWeek1Monday(y int) int {
	const thursday = 3
	first := daysBeforeYear(y) + 1
	firstWeekday := (first + 6) % 7
	week1 := first - firstWeekday
	if firstWeekday > thursday {
		week1 += 7
	}
	return week1
}

// isoCalendar returns the ISO year, week and weekday (1..7) of a date.
func isoCalendar(y, m, d int) (iy, week, wd int) {
	iy = y
	w1 := isoWeek1Monday(iy)
	today := ymdToOrd(y, m, d)
	week, day := floorDivMod(today-w1, 7)
	if week < 0 {
		iy--
		w1 = isoWeek1Monday(iy)
		week, day = floorDivMod(today-w1, 7)
	} else if week >= 52 && today >= isoWeek1Monday(iy+1) {
		iy++
		week = 0
	}
	return iy, week + 1, day + 1
}

// isoToOrdinal is date.fromisocalendar's check and conversion, with
// CPython's messages.
func isoToOrdinal(y, week, day int) (int, error) {
	if y < minYear || y > maxYear {
		return 0, valueErrorf("Year is out of range: %d", y)
	}
	if week <= 0 || week >= 53 {
		ok := false
		if week == 53 {
			first := ymdToOrd(y, 1, 1) % 7 // CPython's "% 7": 4 is Thursday here
			ok = first == 4 || (first == 3 && isLeap(y))
		}
		if !ok {
			return 0, valueErrorf("Invalid week: %d", week)
		}
	}
	if day <= 0 || day >= 8 {
		return 0, valueErrorf("Invalid day: %d (range is [1, 7])", day)
	}
	return isoWeek1Monday(y) + (week-1)*7 + (day - 1), nil
}

func floorDivMod(a, b int) (q, r int) {
	q, r = a/b, a%b
	if r != 0 && (r < 0) != (b < 0) {
		q--
		r += b
	}
	return q, r
}

func floorDivMod64(a, b int64) (q, r int64) {
	q, r = a/b, a%b
	if r != 0 && (r < 0) != (b < 0) {
		q--
		r += b
	}
	return q, r
}
