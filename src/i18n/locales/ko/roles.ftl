# 이슈 #17의 2~4항: 역할, 회원 인증서, 일정에 맞춰 움직이는 대여 기간.

role-clash-president = { $city }이(가) { $from }부터 { $to }까지 회장입니다. 회장의 임기는 겹칠 수 없습니다. 먼저 그 임기를 끝내거나 다른 날짜를 고르십시오.
role-clash-president-short = 다른 회장의 임기가 이 기간과 겹칩니다.
role-open-end = 종료일 없음
role-region-unknown = “{ $code }”은(는) 협회가 알고 있는 국가나 지역이 아닙니다. ‘국가·지역’ 페이지의 코드를 쉼표로 구분해 입력하십시오(예: JP, KR).
role-regions-lead-only = 담당 국가나 지역은 선도 도시만 지정할 수 있습니다.
role-city-withdrawn = 이 도시는 탈퇴했습니다. 탈퇴 이후에는 역할을 맡을 수 없습니다.
role-changed = 역할을 변경했습니다.
role-change = 임기 변경
role-save = 임기 저장
role-regions = 담당 국가·지역
role-regions-hint = 선도 도시만: 국가 코드를 쉼표로 구분해 입력(예: JP, KR).
role-leads = 담당:
officers-leads = 담당 지역
audit-action-member-role-edit = 도시 역할 변경

certificate-withdrawn = { $date }에 탈퇴: 이 인증서는 더 이상 유효하지 않습니다.
certificate-withdrawn-undated = 탈퇴: 이 인증서는 더 이상 유효하지 않습니다.
certificate-staff-note = 사무국과 해당 도시의 사용자에게만 표시됩니다. 도시의 언어({ $language })로 인쇄됩니다.

exh-dates-title = 일정 변경
exh-dates-hint = 예약된 포스터 세트의 대여 기간은 일정에 맞춰 움직입니다. 다른 대여와 겹치면 변경이 거부되고 아무것도 바뀌지 않습니다.
exh-dates-save = 일정 변경
exh-dates-saved = 일정을 변경했습니다. 포스터 세트의 대여 기간도 함께 바뀌었습니다.
exh-error-dates-locked = 포스터 세트가 이미 발송되어 일정을 바꿀 수 없습니다.
exh-loan-follows-dates = 이 전시에 예약된 포스터 세트는 일정에 맞춰 움직입니다. 새 일정이 세트의 다른 대여와 겹치면 변경이 거부됩니다.
exh-loan-language-booked = 이 전시에 예약된 포스터 세트는 다른 언어입니다. 먼저 사무국에 예약 해제를 요청하십시오. 아무것도 바뀌지 않았습니다.
