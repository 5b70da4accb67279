## A member city's record: staff corrections, its history, the CSV update, figures

audit-action-member-edit = Corrected a city's record
city-field-name-latin = Name (Latin letters)
city-field-name-native = Name in its own script
city-field-country = Country or region
city-field-province = Province or state
city-field-mayor-name = Mayor
city-field-mayor-title = Mayor's title
city-field-contact-name = Contact person
city-field-email = Email
city-field-phone = Phone
city-field-postal-address = Postal address
city-field-website = Website
city-field-population = Population
city-field-language = Language
city-field-join-date = Join date
city-field-other = A field
city-change-source-staff = staff form
city-change-source-city = the city's own account
city-change-source-import = CSV update
city-change-changed = { $field } changed from “{ $old }” to “{ $new }” on { $date }
city-change-set = { $field } set to “{ $new }” on { $date }
city-change-cleared = { $field } cleared (was “{ $old }”) on { $date }
city-change-by = by { $who } ({ $source })
city-change-someone = someone no longer known
city-error-join-date = Please write the join date as 2019-07-01, 2019-07 or 2019, as precisely as it is known.
city-record-edit = Correct the record
city-record-fix-errors = Nothing was saved. Please correct the fields marked below.
city-record-section-city = The city
city-record-join-date-hint = Write 2019-07-01, 2019-07 or 2019: the form says how precisely the date is known.
city-record-history-hint = Every field you change is kept in the city's history and in the audit log, with its value before and after.
city-record-unchanged = Nothing was changed: the record already had these values.
city-record-saved = { $count ->
    [one] One field of the record was corrected.
   *[other] { $count } fields of the record were corrected.
  }
city-record-no-changes-own = No field of your record has been changed yet. Keep your contact details up to date with “Edit contact details”; the secretariat corrects the other fields.
city-record-history = Changes to the record
city-record-no-changes = No field of this record has been changed since it was created. Use “Correct the record” to change one.
import-purpose = What the file does
import-purpose-add = Add new member cities
import-purpose-update = Update existing member cities, found by member_number (only the columns in the file are changed)
import-updated = { $fields ->
    [one] One field
   *[other] { $fields } fields
  } of { $cities ->
    [one] one member city
   *[other] { $cities } member cities
  } updated.
import-update-preview = { $changed ->
    [0] No row changes a record.
    [one] One row changes the record below.
   *[other] { $changed } rows change the records below.
  } { $unchanged ->
    [0] {""}
    [one] One row changes nothing.
   *[other] { $unchanged } rows change nothing.
  }
import-update-caption = What the import would change, field by field
import-update-city = City
import-update-now = Now
import-update-new = After the import
import-update-empty = (empty)
import-error-member-number-unknown = No member city has this number. An update changes existing cities only.
import-error-status-not-here = This differs from the city's membership status; withdraw or reinstate a city on its page, not by an update.
home-continent-entry = { $continent } { $cities }
home-list-separator = {", "}
home-no-members = No member city is registered yet: cities apply through the form, and the secretariat registers them once a month.
by-country-title = Members by country and region
by-country-intro = Active member cities in each country or region, with the year its first member joined (counting members that left since).
by-country-empty = There are no member cities yet. Cities can apply to join.
by-country-summary = { $cities ->
    [one] One member city
   *[other] { $cities } member cities
  } in { $countries ->
    [one] one country or region
   *[other] { $countries } countries and regions
  }.
by-country-caption = Member cities by country or region; choose a column heading to sort
by-country-country = Country or region
by-country-first-year = Year of the first member
by-country-link = Members by country and region (table)
