## The public API's page (area-api)
footer-api = Open data: the public API
api-title = Public API
api-intro = The figures and lists of the public pages as JSON, free to use without an account: members by continent and country, the directory, the officers, petitions with their counts and history, the letters archive and upcoming exhibitions.
api-document = The machine-readable description:
api-operations = Endpoints
api-parameters = Parameters
api-no-parameters = No parameters.
api-responses = Responses
api-schemas = Schemas
api-none = Nothing is described yet.
api-name = Name
api-in = In
api-type = Type
api-required = Required
api-description = Description
api-status = Status
api-body = Body
api-field = Field
api-yes = yes
api-no = no

## Signature history on a petition's page (area-api)
petition-history-title = Signatures over time
petition-history-none = No confirmed online signature yet: the history starts with the first one.
petition-history-hint = Confirmed online signatures by the time they were confirmed (UTC); paper batches are listed apart by the day they were handed over.
petition-history-per-day = Per day
petition-history-per-hour = Per hour, the last two days
petition-history-table = The figures per day as a table
petition-history-day = Day
petition-history-paper = Paper signatures by day of hand-over
petition-history-handed-over = Handed over on
petition-history-json = The same figures as JSON
