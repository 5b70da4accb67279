# 한국어

language-name = 한국어
app-name = Solidarity

## 형식
format-number-group-separator = ,
format-decimal-separator = .
format-date = { $year }년 { $month }월 { $day }일
format-month = { $year }년 { $month }월
format-money-jpy = { $amount }엔
format-money-other = { $amount } { $currency }
month-1 = 1월
month-2 = 2월
month-3 = 3월
month-4 = 4월
month-5 = 5월
month-6 = 6월
month-7 = 7월
month-8 = 8월
month-9 = 9월
month-10 = 10월
month-11 = 11월
month-12 = 12월

## 레이아웃
nav-skip = 본문으로 건너뛰기
nav-label = 메인
nav-dashboard = 대시보드
nav-users = 사용자
nav-audit = 감사 기록
nav-login = 로그인
nav-logout = 로그아웃
language-switch = 언어:
footer-text = Solidarity · 평화와 핵무기 폐절을 위해 일하는 도시 연합 사무국의 시스템입니다.
pagination-label = 페이지
pagination-previous = 이전
pagination-next = 다음
pagination-page = { $page }페이지
filter-any = 전체
filter-from = 시작일
filter-to = 종료일
filter-apply = 필터

## 양식
field-email = 이메일 주소
field-password = 비밀번호
field-new-password = 새 비밀번호
field-password-confirm = 새 비밀번호 확인
field-current-password = 현재 비밀번호
field-display-name = 이름
field-role = 역할
error-required = 이 항목을 입력해 주세요.
error-too-long = 너무 깁니다.
error-control-characters = 한 줄의 일반 텍스트로 입력해 주세요.
error-email-invalid = name@example.org 와 같은 이메일 주소를 입력해 주세요.
error-email-taken = 이 이메일 주소의 계정이 이미 있습니다.
error-password-short = 10자 이상으로 해 주세요.
error-password-mismatch = 두 비밀번호가 다릅니다.
error-password-wrong = 현재 비밀번호가 아닙니다.
error-choose-option = 선택지 중 하나를 골라 주세요.
error-bad-form = 양식을 읽을 수 없습니다. 이전 페이지로 돌아가 다시 시도해 주세요.
error-language-unknown = 이 언어는 사용할 수 없습니다.

## 오류 페이지
error-400-title = 잘못된 요청
error-403-title = 허용되지 않음
error-404-title = 페이지를 찾을 수 없습니다
error-405-title = 페이지를 찾을 수 없습니다
error-410-title = 더 이상 유효하지 않은 링크
error-413-title = 너무 큽니다
error-429-title = 요청이 너무 많습니다
error-500-title = 문제가 발생했습니다
error-other-title = 오류
error-not-found-text = 이 주소에는 페이지가 없습니다.
error-forbidden-text = 사용 중인 계정으로는 이 페이지를 열 수 없습니다.
error-csrf-text = 양식이 만료되었거나 이 사이트에서 보낸 것이 아닙니다. 이전 페이지로 돌아가 새로 고친 뒤 다시 보내 주세요.
error-too-many-text = 짧은 시간에 요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.
error-too-large-text = 보낸 내용이 너무 큽니다.
error-internal-text = 서버가 요청을 처리하지 못했습니다. 다시 시도해 주세요. 계속되면 발생 시각을 사무국에 알려 주세요.
error-status = 상태 { $status }
error-back-home = 홈페이지로 돌아가기

## 역할
role-admin = 관리자
role-staff = 사무국 직원
role-city = 회원 도시

## 로그인
login-title = 로그인
login-submit = 로그인
login-failed = 이메일 주소 또는 비밀번호가 틀립니다.
login-locked = 실패가 너무 많습니다. { $minutes }분 후에 다시 시도해 주세요.

## 초기 설정
setup-title = 첫 관리자 계정 만들기
setup-intro = 아직 아무도 로그인할 수 없습니다. 여기서 만드는 계정이 직원 계정과 설정을 관리합니다. 이 링크는 한 번만 쓸 수 있습니다.
setup-submit = 관리자 계정 만들기
setup-done = 관리자 계정이 준비되었습니다. Solidarity 에 오신 것을 환영합니다.
setup-link-gone = 이 설정 링크는 이미 사용되었거나 만료되었습니다. 관리자에게 초대를 요청하세요. 관리자가 없다면 서버를 다시 시작하면 새 링크가 표시됩니다.

## 계정과 초대
users-title = 사용자
users-accounts = 계정
users-last-login = 마지막 로그인
users-never = 없음
users-status = 상태
users-active = 활성
users-inactive = 비활성
users-deactivate = 비활성화
users-reactivate = 다시 활성화
users-deactivated = { $email } 계정을 비활성화하고 로그아웃시켰습니다.
users-reactivated = { $email } 계정으로 다시 로그인할 수 있습니다.
users-cannot-deactivate-self = 자신의 계정은 비활성화할 수 없습니다.
users-open-invitations = 사용되지 않은 초대
users-no-invitations = 사용되지 않은 초대가 없습니다.
users-invitation-expires = 만료 { $date }
users-invite = 직원 초대
users-invite-submit = 초대 만들기
invite-link-gone = 이 초대는 이미 사용되었거나 만료되었습니다. 관리자에게 새 초대를 요청하세요.
invite-accept-title = 사무국에 합류하기
invite-accept-intro = { $email } 주소로 초대받으셨습니다. 이름과 비밀번호를 정해 주세요.
invite-accept-submit = 계정 만들기
invite-welcome = { $name } 님, 환영합니다. 계정이 준비되었습니다.

## 내 계정
account-title = 내 계정
account-language = 언어
account-language-hint = 언어는 모든 페이지 아래의 전환 버튼으로 바꿀 수 있으며, 보내 드리는 이메일에도 적용됩니다.
password-title = 비밀번호 변경
password-submit = 비밀번호 변경
password-hint = 10자 이상. 서로 관계없는 단어 몇 개를 이으면 좋은 비밀번호가 됩니다.
password-other-sessions = 변경하면 다른 곳의 로그인은 모두 종료됩니다.
password-changed = 비밀번호를 변경했습니다. 다른 세션은 로그아웃되었습니다.

## 감사 기록
audit-title = 감사 기록
audit-when = 일시
audit-actor = 수행자
audit-action = 작업
audit-record = 대상
audit-entity-type = 대상 종류
audit-entity-id = 대상 번호
audit-summary = 변경 내용
audit-ip = 주소
audit-system = 시스템
audit-count = { $count }건

## 홈페이지
home-title = 핵무기 없는 세계를 위한 도시들
home-lead = 1982년 히로시마와 나가사키가 창설하여 163개 국가와 지역의 7,800여 도시가 가입한 연합으로, 핵무기 완전 폐절과 항구적 평화를 위해 활동합니다.
home-about-heading = 우리는
home-about = 1982년 제2차 유엔 군축특별총회에서 히로시마 시장이 핵무기 폐절을 위한 세계 도시의 연대를 제안했습니다. 1991년부터 유엔 경제사회이사회 특별협의지위를 가진 NGO입니다.
home-figures = 2019년 12월 기준 163개 국가와 지역의 7,854개 도시가 회원입니다 (아시아 3,231, 유럽 3,032).
home-join-heading = 가입 방법
home-join = 어느 도시나 지역도 가입할 수 있습니다. 시장이 가입 신청서를 보내면 사무국이 검토하여 매달 한 번 등록하며, 회원 자격은 다음 달 1일부터 시작됩니다.
home-dues = 회원 도시에는 연 2,000엔의 자발적 회비를 요청합니다. 내지 않아도 회원 자격은 유지됩니다.
home-act-heading = 회원 도시의 활동
home-act-petitions = 핵무기 금지를 요구하는 서명에 참여하고 서명을 모읍니다.
home-act-exhibition = 히로시마와 나가사키의 자료로 원폭 포스터전을 엽니다.
home-act-sister-cities = 아직 가입하지 않은 자매도시에 가입을 권합니다.

## 대시보드
dashboard-title = 대시보드
dashboard-welcome = { $name } 님, 안녕하세요.
dashboard-accounts = 계정
dashboard-account = 내 계정

## 이메일
mail-footer-name = 평화시장회의 사무국
mail-footer-note = 이 이메일은 귀 도시의 회원 자격 또는 웹사이트에서 하신 신청과 관련하여 보내 드립니다. 자동 발송 메일이므로 회신하지 마세요.
mail-greeting = { $name } 님께,
mail-invite-subject = 사무국 시스템 초대
mail-invite-body = { $inviter } 님이 사무국 시스템 Solidarity 에 { $role }(으)로 초대했습니다.
mail-invite-action = 비밀번호 정하기
mail-invite-expiry = 이 링크는 7일 동안 한 번만 유효합니다.
invite-created = { $email } 에게 초대를 이메일로 보냅니다.

## 발신함
nav-outbox = 발신함
outbox-title = 발신함
outbox-counts = 상태별 메시지 수
outbox-status = 상태
outbox-recipient = 수신자
outbox-subject = 제목
outbox-created = 등록 시각
outbox-attempts = 시도 횟수
outbox-last-error = 마지막 오류
outbox-actions = 작업
outbox-retry = 다시 보내기
outbox-cancel = 취소
outbox-retried = 메시지를 다시 발송 대기열에 넣었습니다.
outbox-cancelled = 메시지를 취소했습니다.
outbox-not-changed = 메시지 상태가 바뀌어 아무것도 하지 않았습니다.
outbox-next-attempt = 다음 시도 { $time }
outbox-status-queued = 대기
outbox-status-sending = 발송 중
outbox-status-sent = 발송됨
outbox-status-failed = 실패
outbox-status-cancelled = 취소됨
outbox-count = { $count }건
dashboard-mail = 이메일
dashboard-mail-failed = 메시지 { $count }건을 전달하지 못했습니다.
dashboard-mail-queued = 발송 대기: { $count }건
