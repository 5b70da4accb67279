## 보안: 로그인 제한, 2단계 인증, 세션 (area-secauth)

login-wait = 최근 실패가 너무 많습니다. 잠시 기다려 주세요: { $seconds }초 후에 다시 시도해 주세요.
error-password-common = 이 비밀번호는 흔하거나 유출된 비밀번호 목록에 있습니다. 다른 비밀번호를 골라 주세요.
error-password-weak = 이 비밀번호는 쓰인 문자 종류가 너무 적습니다. 추측하기 어려운 비밀번호를 골라 주세요.

login-code-title = 로그인 코드 입력
login-code-field = 인증 앱의 코드 또는 복구 코드
login-code-hint = 휴대폰의 인증 앱을 열고 Solidarity에 표시된 6자리 숫자를 입력하세요. 휴대폰을 잃어버렸다면 복구 코드 하나를 사용하세요.

two-factor-title = 2단계 인증
two-factor-intro = 로그인할 때 비밀번호와 함께 휴대폰 인증 앱의 코드를 요구합니다. 비밀번호가 도난당해도 그것만으로는 계정에 들어갈 수 없습니다.
two-factor-enabled = 2단계 인증이 켜져 있습니다. 사용하지 않은 복구 코드가 { $count }개 있습니다.
two-factor-replace-hint = 새 휴대폰으로 옮기려면 아래 코드를 새 휴대폰으로 스캔하고 확인하세요. 이전 앱과 이전 복구 코드는 더 이상 작동하지 않습니다.
two-factor-scan = 이 QR 코드를 인증 앱(예: FreeOTP, Aegis, Google Authenticator)으로 스캔하세요.
two-factor-qr-alt = 인증 앱용 QR 코드
two-factor-secret-label = 스캔할 수 없다면 이 키를 앱에 입력하세요:
two-factor-code-label = 앱에 지금 표시된 6자리 코드
two-factor-submit = 확인하고 켜기
two-factor-code-wrong = 코드가 맞지 않습니다. 휴대폰 시계가 정확한지 확인하고 앱에 지금 표시된 코드를 입력하세요.
two-factor-cannot-reset-own = 자신의 2단계 인증은 재설정할 수 없습니다. 다른 관리자에게 요청하세요.
two-factor-reset-done = { $email }의 2단계 인증을 재설정하고 세션을 종료했습니다. 다음 로그인 때 다시 설정합니다.

recovery-codes-title = 복구 코드
recovery-codes-intro = 이 10개의 코드를 휴대폰과 떨어진 안전한 곳(인쇄 또는 비밀번호 관리자)에 보관하세요. 휴대폰을 잃어버렸을 때 각각 한 번씩 로그인에 쓸 수 있습니다. 지금만 표시됩니다.
recovery-codes-continue = 저장했습니다: 계속

account-sessions = 세션
account-sign-out-everywhere = 모든 기기에서 로그아웃
account-sign-out-everywhere-hint = 이 기기를 포함해 모든 기기에서 계정의 세션을 종료합니다. 공용 컴퓨터에서 로그인했거나 기기를 잃어버렸을 때 유용합니다.

users-two-factor = 2단계 인증
users-two-factor-on = 켜짐
users-two-factor-off = 꺼짐
users-two-factor-reset = 재설정(기기 분실)

failures-title = 로그인 실패
failures-rules-account = 한 계정에서 1시간 안에 { $free }번 실패하면 다음 로그인은 몇 초 기다립니다. 실패할 때마다 길어지지만 { $seconds }초를 넘지 않습니다. 누구도 소유자를 잠가 둘 수 없습니다.
failures-rules-address = 한 주소에서(어느 계정이든) { $free }번 실패하면 그 주소도 기다립니다(최대 { $seconds }초).
failures-rules-ceiling = 한 주소의 실패는 1시간에 최대 { $count }번입니다.
failures-rules-kept = 실패 기록은 { $days }일 동안 보관됩니다. 이 페이지는 최근 24시간을 보여 줍니다.
failures-empty = 최근 24시간 동안 로그인 실패가 없습니다. 할 일이 없습니다.
failures-by-account = 입력된 이메일 주소별
failures-by-address = 접속 주소별
failures-address = 접속 주소
failures-count = 실패
failures-last = 최근

audit-action-user-two-factor-enable = 2단계 인증 설정
audit-action-user-two-factor-reset = 사용자의 2단계 인증 재설정
audit-action-user-recovery-code-used = 복구 코드로 로그인
audit-action-user-sign-out-everywhere = 모든 기기에서 로그아웃
