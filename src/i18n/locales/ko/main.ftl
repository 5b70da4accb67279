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

## 공통
save = 저장
field-choose = 선택하세요…
form-has-errors = 확인이 필요한 항목이 있습니다. 아래에 표시했습니다.
error-choose-country = 국가 또는 지역을 선택해 주세요.
error-latin-letters = 여기에는 로마자로 써 주세요. 현지 문자로 된 이름은 별도 칸이 있습니다.
error-letter-not-pdf = 서한은 PDF 파일이어야 합니다.
error-letter-too-large = 서한 파일이 너무 큽니다 (최대 5 MB).
error-phone-invalid = 전화번호를 입력해 주세요 (예: +82 2 123 4567).
error-population-invalid = 인구를 정수로 입력해 주세요.
error-website-invalid = https://www.city.example 와 같은 웹 주소를 입력해 주세요.
error-date-order = 종료일이 시작일보다 앞입니다.

## 대륙 (표 4)
continent-asia = 아시아
continent-oceania = 오세아니아
continent-africa = 아프리카
continent-europe = 유럽
continent-north-america = 북미
continent-latin-america = 라틴아메리카·카리브
field-continent = 대륙

## 내비게이션
nav-join = 가입 신청
nav-members = 회원 도시
nav-officers = 임원 도시
nav-applications = 가입 신청 심사
nav-directory = 회원 도시 목록
nav-my-city = 우리 도시

## 가입 신청서
join-title = 가입 신청
join-intro = 도시나 지역은 시장을 대신하여 이 양식을 보내 가입을 신청할 수 있습니다. 사무국이 검토하여 매달 한 번 등록하며, 회원 자격은 다음 달 1일부터 시작됩니다.
join-section-city = 도시
join-section-mayor = 시장
join-section-contact = 연락처
join-section-message = 메시지와 가입 의향서
field-city-name-latin = 도시 이름 (로마자)
field-city-name-native = 도시 이름 (현지 문자, 선택)
field-country = 국가 또는 지역
field-province = 도·주 등 (선택)
field-population = 인구 (선택)
field-website = 웹사이트 (선택)
field-mayor-name = 시장 성명
field-mayor-title = 시장 직함
field-contact-name = 담당자
field-phone = 전화번호 (선택)
field-postal-address = 우편 주소
field-language = 이메일 언어
field-message = 메시지 (선택)
field-letter = 가입 의향서, PDF (선택)
field-letter-hint = 최대 { $size } MB 의 PDF.
honeypot-label = 이 칸은 비워 두세요
join-privacy = 입력하신 정보는 귀 도시의 가입 처리에만 사용합니다. 공개 회원 목록에는 도시 이름, 국가, 가입 연도만 표시되며 연락처는 표시되지 않습니다.
join-submit = 신청서 보내기
join-thanks = 감사합니다. 신청서를 받았습니다.
join-received = 감사합니다. 신청 번호는 { $reference } 입니다. 확인 이메일을 보내 드렸습니다.

## 신청 현황 (신청자)
join-status-title = 신청 현황
application-reference = 신청 번호
application-submitted-on = 접수 일시
application-received-on = { $date } 접수
application-status = 상태
application-status-submitted = 접수, 검토 중
application-status-info-requested = 추가 정보 필요
application-status-approved = 승인
application-status-rejected = 불승인
application-status-registered = 회원 도시로 등록됨
join-status-submitted-text = 사무국이 신청서를 검토하고 있습니다. 결과는 이메일로 알려 드립니다.
join-status-info-requested-text = 사무국이 추가 정보를 요청했습니다. 아래에 답변해 주세요.
join-status-approved-text = 신청이 승인되었습니다. 사무국의 다음 월간 등록 때 등록되며, 그다음 달 1일부터 회원이 됩니다.
join-status-rejected-text = 사무국은 이 신청을 받아들일 수 없었습니다. 이유는 아래와 같습니다.
join-status-registered-text = 귀 도시는 회원 도시가 되었습니다. 환영합니다!
join-status-keep-link = 이 페이지 주소를 보관하세요. 이 신청만을 위한 개인 링크입니다.
application-messages = 메시지
application-message-you = 나
application-message-applicant = 신청자
application-message-secretariat = 사무국
join-reply-label = 답변
join-reply-submit = 답변 보내기
join-reply-sent = 감사합니다. 답변을 사무국에 보냈습니다.
join-reply-not-expected = 이 신청은 답변을 기다리고 있지 않습니다.
application-duplicate-member = 기록에 따르면 { $city } 은(는) 이미 회원 도시입니다 (회원 번호 { $number }). 사무국이 신청서를 확인한 뒤 연락드리겠습니다.
application-duplicate-application = 이 도시에 대한 신청이 이미 진행 중입니다 ({ $reference }). 사무국이 두 신청을 모두 확인한 뒤 연락드리겠습니다.

## 심사 (직원)
queue-title = 가입 신청
queue-open = 미처리 (접수·답변 대기)
queue-search = 도시 이름
queue-duplicates = 중복
queue-duplicates-only = 중복 의심만
queue-count = { $count }건
application-duplicate-flag = 중복 가능성
application-see-member = 회원 도시 보기
application-see-other = 다른 신청 보기
application-letter-download = 가입 의향서 (PDF) 내려받기
application-decide = 결정
application-approve = 승인
application-approve-hint = 승인된 신청은 월간 등록 (매달 { $day }일경) 때 등록됩니다.
application-request-information = 추가 정보 요청
application-question = 신청자에게 보낼 질문
application-reject = 불승인
application-reason = 이유 (신청자에게 전달됨)
application-decision-note = 결정 기록
application-approved = 신청을 승인했습니다. 월간 등록을 기다립니다. 신청자에게 이메일로 알렸습니다.
application-rejected = 신청을 불승인했습니다. 신청자에게 이메일로 알렸습니다.
application-information-requested = 질문을 신청자에게 이메일로 보냈습니다.
application-not-changed = 신청 상태가 바뀌어 아무것도 하지 않았습니다.
application-note-required = 이유나 질문을 적어 주세요. 신청자가 읽습니다.
application-waiting-registration = 승인됨. 월간 등록을 기다리는 중입니다.
application-member-page = 회원 도시 페이지

## 월간 등록
registration-title = 월간 등록
registration-day-text = 이번 달 등록일: { $date }
registration-starts-text = 지금 등록하는 도시는 { $date } 부터 회원이 됩니다.
registration-waiting = 등록을 기다리는 승인된 신청: { $count }건
registration-none-waiting = 등록을 기다리는 승인된 신청이 없습니다.
registration-invite-contacts = 각 담당자를 도시 사용자로 초대
registration-run = 지금 등록 ({ $date } 부터 회원)
registration-done = { $count }개 도시를 등록했습니다. 환영 이메일을 보냅니다.
registration-day-setting = 등록일
registration-day-label = 매달 며칠 (1~28)
registration-day-saved = 등록일을 저장했습니다.
registration-day-invalid = 1부터 28 사이의 날을 입력해 주세요.

## 회원 도시
directory-title = 회원 도시
directory-search = 이름
directory-sort = 정렬
directory-sort-name = 이름순
directory-sort-country = 국가순
directory-sort-joined = 오래된 회원순
directory-sort-recent = 최근 회원순
directory-city = 도시
directory-count = { $count }개 도시
directory-export = CSV 로 내보내기
field-join-year = 가입 연도
field-city-role = 역할
field-membership-status = 회원 자격
membership-status-active = 활동 중
membership-status-withdrawn = 탈퇴
member-number = 회원 번호
member-joined = 가입일
member-demo = 데모 데이터
member-application = 신청 { $reference }
member-users = 도시 사용자
member-no-users = 아직 이 도시의 사용자가 없습니다.
member-invite-user = 도시 사용자로 초대
member-roles = 역할
member-no-roles = 역할이 없습니다.
member-status-heading = 회원 자격 상태
member-withdrawn-on = 탈퇴일
member-withdrawal-reason = 이유
member-withdrawal-reason-required = 탈퇴 이유를 적어 주세요.
member-dues-never-end = 회비 미납으로 회원 자격이 끝나지 않습니다. 도시가 탈퇴를 요청한 경우에만 기록하세요.
member-withdraw = 탈퇴 기록
member-reinstate = 회원 자격 복원
member-status-changed = 회원 자격 상태를 바꿨습니다.
member-status-unchanged = 회원 자격이 이미 그 상태입니다.
member-history = 이력
event-joined = 가입
event-withdrawn = 탈퇴
event-reinstated = 복원
event-other = 변경
precision-day = 날짜 확정
precision-month = 월까지 확인
precision-year = 연도만 확인
role-president = 회장 도시
role-vice-president = 부회장 도시
role-executive = 이사 도시
role-lead = 리더 도시
role-current = 현직
role-starts-on = 시작
role-ends-on = 종료
role-add = 역할 추가
role-added = 역할을 추가했습니다.
role-end = 종료
role-ended = 역할 임기를 종료했습니다.
role-start-required = 임기 시작일을 입력해 주세요.
officers-title = 임원 도시
officers-intro = 회장·부회장 도시, 이사 도시, 리더 도시입니다. 각 도시의 시장이 도시를 대표합니다.
officers-none = 등록된 임원 도시가 없습니다.
officers-term = 임기
import-title = 회원 명부 가져오기

## 회원 인증서
certificate-title = 회원 인증서
certificate-heading = 회원 인증서
certificate-text = 은(는) 핵무기 폐절과 세계 항구 평화를 위해 세계의 도시들과 함께하는 본 회의의 회원 도시임을 인증합니다.
certificate-since = 가입일
certificate-signature = 회장 히로시마 시장
certificate-print-hint = 브라우저의 인쇄 기능으로 이 인증서를 인쇄하거나 PDF 로 저장할 수 있습니다.

## 도시 계정
city-edit-contact = 연락처 편집
city-contact-saved = 귀 도시의 연락처를 저장했습니다.
city-invite-invalid = 초대할 분의 이메일 주소와 이름을 입력해 주세요.

## 회원 관련 이메일
mail-application-received-subject = 가입 신청 접수: { $city } ({ $reference })
mail-application-received-body = { $city } 의 가입 신청에 감사드립니다.
mail-application-next-steps = 사무국은 신청서를 검토하여 매달 한 번 신규 회원을 등록하며, 회원 자격은 다음 달 1일부터 시작됩니다. 아래 링크에서 언제든지 신청 현황을 확인할 수 있습니다.
mail-application-status-action = 신청 현황
mail-application-reference = 신청 번호: { $reference }
mail-application-info-subject = 추가 정보 요청 ({ $reference })
mail-application-info-body = { $city } 의 가입 신청에 감사드립니다. 검토를 위해 사무국이 다음 사항을 여쭙니다.
mail-application-reply-action = 여기에서 답변
mail-application-approved-subject = 가입 신청 승인: { $city }
mail-application-approved-body = { $city } 의 가입 신청이 승인되었음을 알려 드립니다.
mail-application-approved-when = 사무국은 매달 { $day }일경 신규 회원을 등록합니다. 회원 자격은 등록 다음 달 1일부터 시작되며, 그때 회원 인증서를 보내 드립니다.
mail-application-rejected-subject = 가입 신청에 관하여 ({ $reference })
mail-application-rejected-body = { $city } 의 관심에 감사드립니다. 사무국은 다음 이유로 신청을 받아들일 수 없었습니다.
mail-welcome-subject = 평화시장회의에 오신 것을 환영합니다: { $city }
mail-welcome-body = { $city } 은(는) { $date } 부터 평화시장회의 회원 도시가 되었습니다. 회원 번호는 { $number } 입니다.
mail-welcome-activities = 핵무기 금지 서명 운동 참여, 원폭 포스터전 개최, 총회 참석, 자매도시 가입 권유 등에 함께해 주세요.
mail-welcome-certificate-action = 회원 인증서

## 통계
nav-statistics = 통계
statistics-title = 숫자로 보는 회원 도시
statistics-intro = 본 회의의 통계와 같은 구분에 따른 대륙별 회원 도시 수와 가입 연도별 신규 회원 수입니다.
statistics-table-caption = 대륙별 회원 도시와 국가·지역 수
statistics-countries = 국가·지역
statistics-cities = 도시
statistics-total = 합계
statistics-cities-by-continent = 대륙별 회원 도시
statistics-joins-by-year = 가입 연도별 신규 회원
statistics-no-members = 아직 회원 도시가 없습니다.
dashboard-applications = 가입 신청
dashboard-applications-open = 심사를 기다리는 신청: { $count }건
dashboard-applications-approved = 월간 등록을 기다리는 승인된 도시: { $count }건

## 자매도시 초대
nav-invitations = 자매도시 초대
sister-title = 자매도시 초대
sister-intro = 아직 회원이 아닌 자매·우호 도시를 초대할 수 있습니다. 초대받은 도시에는 도시 이름과 국가가 미리 채워진 가입 신청서 링크가 이메일로 전달되며, 신청·가입 여부를 이 페이지에서 확인할 수 있습니다.
sister-city-name = 초대할 도시
sister-email = 그 도시의 이메일 주소
sister-language = 초대장 언어
sister-inviting-number = 초대하는 도시의 회원 번호 (선택)
sister-send = 초대 보내기
sister-sent = 초대를 보냅니다.
sister-sent-heading = 보낸 초대
sister-none = 아직 초대가 없습니다.
sister-inviting-city = 초대한 도시
sister-secretariat = 사무국
sister-sent-on = 보낸 일시
sister-progress = 진행 상황
sister-progress-invited = 초대됨
sister-progress-applied = 신청함
sister-progress-member = 회원
error-member-number-unknown = 이 번호의 회원 도시가 없습니다.
mail-sister-subject = { $inviter } 이(가) { $city } 에 평화시장회의 가입을 권합니다
mail-sister-greeting = { $city } 시장님께,
mail-sister-body = 평화시장회의 회원 도시인 { $inviter } 이(가) 핵무기 없는 세계를 위해 일하는 7,800여 도시의 연합에 귀 도시의 가입을 권합니다.
mail-sister-action = 가입 신청하기

## 국가와 지역 (관리자)
nav-countries = 국가·지역
countries-title = 국가와 지역
countries-intro = ISO 3166-1 의 모든 국가·지역과 통계에 쓰는 대륙 구분, 그리고 본 회의가 집계하는 ISO 코드 없는 지역입니다.
countries-add = ISO 코드 없는 지역 추가
countries-name-en = 영어 이름
countries-name-ja = 일본어 이름 (선택)
countries-name-ko = 한국어 이름 (선택)
countries-code = 코드
countries-no-iso = ISO 코드 없음
countries-added = 지역을 추가했습니다.
countries-exists = 이 이름의 지역이 이미 있습니다.
countries-moved = 대륙 구분을 바꿨습니다.
countries-add-invalid = 지역의 영어 이름과 대륙을 입력해 주세요.
home-today = 현재 회원 도시: { $countries }개 국가·지역의 { $cities }개 도시

## 서명
nav-petitions = 서명
petitions-title = 서명 운동
petitions-intro = 핵무기 없는 세계를 위한 본 회의의 서명에 참여해 주세요. 서명은 이메일로 확인되며 한 번만 집계됩니다.
petitions-none = 아직 서명 운동이 없습니다.
petition-addressee = 수신: { $addressee }
petition-signatures = 서명 { $count }명
petition-closes = { $date } 마감
petition-status = 상태
petition-status-draft = 초안
petition-status-open = 서명 진행 중
petition-status-closed = 종료
petition-count-heading = 지금까지의 서명
petition-of-goal = 목표 { $goal }명
petition-progress = 목표 대비 진행 상황
petition-online-paper = 온라인 { $online }, 용지 { $paper }
petition-counted-at = { $time } 집계
petition-by-country = 국가별 서명
petition-online = 온라인
petition-paper = 용지
petition-not-open = 이 서명은 지금 받지 않습니다.
petition-new = 새 서명 운동
petition-edit = 서명 운동 편집
petition-title-field = 제목
petition-slug = 주소 (영소문자·숫자·하이픈, 예: ban-nuclear-weapons)
petition-addressee-field = 수신
petition-body = 본문 (Markdown)
petition-body-hint = Markdown: **굵게**, *기울임*, [링크](https://example.org), 목록. HTML 은 글자 그대로 표시됩니다.
petition-goal = 목표 (서명 수)
petition-opens = 시작일
petition-closes-field = 마감일
petition-retention = 종료 후 개인정보를 보관하는 일수
petition-dates = 기간
petition-saved = 서명 운동을 저장했습니다.
petition-public-page = 공개 페이지
error-slug-invalid = 영소문자·숫자·하이픈으로 3~80자를 써 주세요.
error-slug-taken = 다른 서명 운동이 이 주소를 쓰고 있습니다.
error-goal-invalid = 목표를 정수로 입력해 주세요.
error-date-invalid = 날짜를 입력해 주세요 (YYYY-MM-DD).
error-retention-invalid = 0에서 3650 사이의 일수를 입력해 주세요.
sign-heading = 서명하기
sign-name = 이름
sign-city = 도시 (선택)
sign-collector = 다른 분 대신에도 서명하시나요? (최대 9명)
sign-collector-hint = 서명 용지처럼 부탁받은 가족이나 동료의 서명도 입력할 수 있습니다. 귀하의 이메일 주소로 모두 한꺼번에 확인합니다.
sign-other = { $number }번째 분
sign-consent = 아래 개인정보 안내에 따라 이름, 국가, 도시가 이 서명을 위해 보관되는 데 동의합니다.
sign-keep-informed = 본 회의의 활동 소식을 받겠습니다.
sign-privacy = 서명 확인을 위해 이메일을 한 통 보내 드립니다. 이메일 주소는 공개되지 않으며, 이름은 서명과 함께 전달됩니다. 서명 운동이 끝나고 보관 기간이 지나면 개인정보는 삭제되고 국가와 날짜만 남습니다.
sign-submit = 서명
error-consent-required = 서명하려면 개인정보 안내에 동의해 주세요.
sign-blocked-domain = 이 이메일 도메인의 서명은 받지 않습니다. 다른 주소를 써 주세요.
sign-sent = 감사합니다! 방금 보낸 이메일의 링크를 열어 서명을 확인해 주세요. 확인 전에는 집계되지 않습니다.
sign-resent = 이미 서명하셨지만 아직 확인되지 않았습니다. 확인 링크를 다시 보냈습니다.
sign-pending = 이미 서명하셨습니다. 확인 이메일을 몇 분 전에 보냈습니다. 받은편지함(과 스팸함)을 확인해 주세요.
sign-already = 이 이메일 주소로 이미 이 서명에 참여하고 확인하셨습니다. 감사합니다!
sign-back = 서명 페이지로 돌아가기
sign-verify-ask = 이 서명에 참여하는 것을 확인해 주세요.
sign-verify-button = 서명 확인
sign-verify-until = 이 링크는 { $time } 까지 유효합니다.
sign-verify-expired = 이 확인 링크는 만료되었습니다. 새 링크를 받으려면 다시 서명해 주세요.
sign-verify-done = 이 서명은 이미 확인되었습니다. 감사합니다!
sign-verify-withdrawn = 이 서명은 철회되었습니다.
sign-verified = 감사합니다. 서명이 확인되었으며 곧 집계에 반영됩니다.
sign-withdraw-ask = 이 서명을 철회하시겠습니까? 철회하면 집계되지 않습니다.
sign-withdraw-button = 서명 철회
sign-withdraw-done = 이 서명은 철회되었습니다.
sign-withdrawn = 서명을 철회했습니다.
mail-sign-greeting = 안녕하세요.
mail-sign-verify-subject = 서명을 확인해 주세요: { $title }
mail-sign-verify-body = "{ $title }"에 서명해 주셔서 감사합니다. 아래 버튼으로 서명을 확인해 주세요. 확인 전에는 집계되지 않습니다.
mail-sign-verify-collector = 이 확인으로 서명 { $count }건(귀하와 귀하가 입력한 분들)이 확정됩니다.
mail-sign-verify-ignore = 서명하지 않으셨다면 이 이메일을 무시하세요. 아무것도 집계되지 않습니다.
mail-sign-verify-action = 서명 확인
mail-sign-thanks-subject = 서명이 확인되었습니다: { $title }
mail-sign-thanks-body = "{ $title }"에 대한 서명이 확인되었습니다. 핵무기 폐절을 위해 세계의 도시들과 함께해 주셔서 감사합니다.
mail-sign-thanks-withdraw = 마음이 바뀌셨다면 언제든지 서명을 철회할 수 있습니다.
mail-sign-withdraw-action = 서명 철회
paper-heading = 용지 서명
paper-none = 아직 기록된 용지 서명이 없습니다.
paper-record = 용지 서명 기록
paper-recorded = 용지 서명을 기록했습니다. 곧 집계에 반영됩니다.
paper-signatures = 서명 수
paper-collected = 수집 기간
paper-collected-from = 수집 시작일
paper-collected-to = 수집 종료일
paper-handed-over = 전달일
paper-note = 메모
paper-scan = 스캔
paper-scan-field = 서명 용지 스캔 (PDF·JPEG·PNG, 선택)
error-count-invalid = 수를 정수로 입력해 주세요.
error-scan-too-large = 스캔 파일이 너무 큽니다 (최대 8 MB).
error-scan-type = 스캔은 PDF, JPEG, PNG 중 하나여야 합니다.
petitions-manage = 서명 운동과 용지 서명 관리
## CSV import and export
import-intro = 기존 명부에서 회원 도시를 가져옵니다. 첫 줄에 머리글 행이 있는 CSV 파일을 UTF-8로 저장해 주세요 (Excel에서는 '다른 이름으로 저장'에서 'CSV UTF-8'을 고릅니다). 회원 도시 목록의 CSV 내보내기와 열이 같으므로, 내보낸 파일은 그대로 가져올 수 있습니다.
import-columns = 열 (* 필수):
import-columns-hint = 가입일은 2019-07-01, 2019-07, 2019처럼 씁니다. 쓰는 방식이 날짜의 정밀도(일, 월, 연)도 나타냅니다. 회원 번호가 비어 있는 행에는 다음 빈 번호가 붙습니다. status는 active(회원) 또는 withdrawn(탈퇴)이며, 비어 있으면 active입니다. language는 en, ja, ko 중 하나이며, 비어 있으면 en입니다.
import-file = CSV 파일
import-file-hint = 최대 { $size }MB.
import-all-or-nothing = 문제가 있는 행이 하나라도 있으면 아무것도 가져오지 않습니다. 파일을 고친 뒤 다시 올려 주세요.
import-dry-run = 확인만 하기
import-submit = 가져오기
import-ready = { $count }개 행 모두 가져올 수 있습니다.
import-dry-run-nothing-written = 확인만 했으므로 아무것도 저장하지 않았습니다.
import-problem-rows = { $count }개 행에 문제가 있습니다.
import-good-rows = 나머지 { $count }개 행은 문제가 없습니다.
import-nothing-written = 아무것도 가져오지 않았습니다.
import-line = 행
import-column = 열
import-problem = 문제
import-done = 회원 도시 { $count }곳을 가져왔습니다.
import-error-no-file = CSV 파일을 선택해 주세요.
import-error-too-large = 파일이 너무 큽니다. 여러 파일로 나누어 주세요.
import-error-not-utf8 = 파일이 UTF-8 텍스트가 아닙니다. Excel에서 '다른 이름으로 저장'을 누르고 'CSV UTF-8'을 골라 주세요.
import-error-empty = 파일이 비어 있습니다.
import-error-no-rows = 머리글 행은 있지만 회원 도시 행이 없습니다.
import-error-unreadable = 이 행을 CSV로 읽을 수 없습니다.
import-error-field-count = 이 행의 칸 수가 머리글 행과 다릅니다.
import-error-unknown-column = 이런 이름의 열은 없습니다.
import-error-repeated-column = 이 열이 머리글 행에 두 번 있습니다.
import-error-missing-column = 필수 열이 머리글 행에 없습니다.
import-error-member-number = 회원 번호는 1 이상의 정수로 쓰거나 비워 두세요.
import-error-member-number-taken = 이 번호를 가진 회원 도시가 이미 있습니다.
import-error-member-number-repeated = 파일의 앞 행에도 같은 회원 번호가 있습니다.
import-error-country = 이 코드의 국가 또는 지역이 없습니다. 내보내기와 같이 JP, BE 같은 코드를 써 주세요.
import-error-join-date = 날짜를 2019-07-01, 2019-07, 2019처럼 써 주세요.
import-error-precision = day, month, year 중 하나를 써 주세요.
import-error-precision-mismatch = join_date를 쓴 방식과 맞지 않습니다 (2019-07-01은 day, 2019-07은 month, 2019는 year).
import-error-status = active 또는 withdrawn을 써 주세요.
import-error-language = en, ja, ko 중 하나를 써 주세요.
import-error-date = 날짜를 2019-07-01처럼 써 주세요.
import-error-not-withdrawn = 탈퇴일이나 탈퇴 사유는 탈퇴한 회원 도시에만 있습니다.

## 서명 감독
report-title = 전달용 보고서
report-date = { $date } 기준 보고서
report-totals = 서명 수
export-signatures = 서명 (CSV)
export-countries = 국가별 서명 수 (CSV)
bursts-title = 집중 서명
bursts-intro = 기간 내 유효한 제출이 { $threshold }건 이상인 IP 주소와 이메일 도메인입니다.
bursts-window = 기간 (분)
bursts-by-ip = IP 주소별
bursts-by-domain = 이메일 도메인별
bursts-none = 이 기간에 집중 서명이 없습니다.
bursts-invalidate = 이 제출들을 무효화
bursts-invalidated = 제출 { $count }건을 무효화했습니다.
blocklist-title = 차단한 이메일 도메인
blocklist-intro = 이 도메인 주소의 서명은 받지 않습니다 (일회용 주소 서비스, 공격에 쓰인 도메인).
blocklist-domain = 도메인
blocklist-reason = 이유
blocklist-add = 차단
blocklist-remove = 차단 해제
blocklist-added = 도메인을 차단했습니다.
blocklist-removed = 도메인 차단을 해제했습니다.
blocklist-exists = 이 도메인은 이미 차단되어 있습니다.
blocklist-invalid = example.org 와 같은 도메인을 입력해 주세요.
