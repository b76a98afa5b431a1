"""Consultation hours' pages, by what a person does: booking (`booking`), the agenda and
opening hours (`hours`), the walk-in queue and its screen (`queue`), settings (`setup`)."""
