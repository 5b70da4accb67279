map-members-heading = Member cities on the map
map-members-label = World map of active member cities by country
map-signatures-label = World map of signatures by country
map-empty = Nothing to show on the map yet: it fills in as countries are counted.
map-legend = Legend:
map-none = none
map-unmapped = Not on the map:
map-table-caption = Active member cities by country or region
