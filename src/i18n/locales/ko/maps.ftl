map-members-heading = 지도로 보는 회원 도시
map-members-label = 국가별 활동 회원 도시 세계 지도
map-signatures-label = 국가별 서명 수 세계 지도
map-empty = 아직 지도에 표시할 내용이 없습니다. 국가별 수가 집계되면 표시됩니다.
map-legend = 범례:
map-none = 없음
map-unmapped = 지도에 없는 국가·지역:
map-table-caption = 국가·지역별 활동 회원 도시
