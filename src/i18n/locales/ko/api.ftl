## 공개 API 페이지 (area-api)
footer-api = 오픈 데이터: 공개 API
api-title = 공개 API
api-intro = 공개 페이지의 수치와 목록을 JSON으로 제공합니다. 계정 없이 자유롭게 쓸 수 있습니다: 대륙별·국가별 회원 도시, 회원 명부, 임원 도시, 서명 수와 추이가 담긴 청원, 서한 아카이브, 예정된 원폭 포스터전.
api-document = 기계가 읽을 수 있는 명세:
api-operations = 엔드포인트
api-parameters = 매개변수
api-no-parameters = 매개변수가 없습니다.
api-responses = 응답
api-schemas = 스키마
api-none = 아직 설명된 것이 없습니다.
api-name = 이름
api-in = 위치
api-type = 형식
api-required = 필수
api-description = 설명
api-status = 상태
api-body = 본문
api-field = 필드
api-yes = 예
api-no = 아니요

## 청원 페이지의 서명 추이 (area-api)
petition-history-title = 서명 수의 추이
petition-history-none = 아직 확인된 온라인 서명이 없습니다. 첫 서명부터 추이를 보여 드립니다.
petition-history-hint = 확인된 온라인 서명을 확인된 시각(UTC)별로 셉니다. 종이 서명은 전달된 날짜별로 따로 보여 드립니다.
petition-history-per-day = 일별
petition-history-per-hour = 시간별(최근 이틀)
petition-history-table = 일별 수치를 표로 보기
petition-history-day = 날짜
petition-history-paper = 전달일별 종이 서명
petition-history-handed-over = 전달일
petition-history-json = 같은 수치의 JSON
