# 확인, 회비, 가입 신청 (이슈 #18 항목 2~4)

secretariat-confirm-missing = 아무것도 실행되지 않았습니다. 무엇이 일어나는지 확인하는 상자에 체크한 뒤 다시 시도하세요.
secretariat-not-set = 아직 설정되지 않음

## 회비 안내
secretariat-reminders-confirm = { $year } 안내 { $number }통을 { $languages }개 언어로 지금 이메일로 보냅니다.
secretariat-reminders-changed = 보내지 않았습니다. 페이지를 연 뒤 안내 대상 도시 수가 바뀌었습니다. 새 숫자를 확인하고 다시 확인하세요.
secretariat-reminders-need-contact = 관리자가 아래에 협회의 계좌 정보와 문의처를 입력할 때까지 안내를 보낼 수 없습니다.
secretariat-payment-contact-title = 안내에 실리는 계좌 정보와 문의처
secretariat-payment-contact-intro = 모든 안내에 이 정보가 실려, 각 도시의 회계 담당자가 송금하고 누구에게 문의할지 알 수 있습니다.
secretariat-bank-details = 협회 계좌 정보
secretariat-contact-address = 문의용 이메일 주소
secretariat-payment-contact-invalid = 계좌 정보와 올바른 이메일 주소를 입력하세요.
secretariat-payment-contact-saved = 계좌 정보와 문의처를 저장했습니다.
secretariat-mail-reminder-bank = 은행 송금으로 기여하실 경우 입금 계좌:
secretariat-mail-reminder-contact = 회비에 관한 문의는 { $address }(으)로 보내 주세요. 기꺼이 도와드리겠습니다.
secretariat-mail-footer-replies = 귀 도시의 회원 자격과 관련하여 이 이메일을 보내 드립니다. 이 메일에 회신하시거나 위의 문의처로 연락해 주세요.

## 가입 등록
secretariat-registration-confirm = { $number }개 도시를 { $date }부터 회원으로 등록하고, 인증서가 담긴 환영 이메일 { $emails }통을 보냅니다.
secretariat-registration-changed = 등록하지 않았습니다. 페이지를 연 뒤 승인된 신청 목록이 바뀌었습니다. 목록을 확인하고 다시 확인하세요.
secretariat-registration-last-run = 최근 등록에서 가입한 도시 ({ $date }부터 회원)
secretariat-registration-last-run-empty = 최근 등록에서 가입한 도시가 없습니다. 신청 목록에서 신청을 승인하면 다음 등록까지 여기서 기다립니다.
secretariat-certificate = 인증서

## 탈퇴
secretariat-withdraw-consequences = { $city }은(는) 아래 날짜부터 공개 회원 목록에서 빠집니다. 맡고 있는 직책 { $roles }개는 그 날짜에 끝납니다. 사용자 계정 { $users }개는 도시의 기록을 볼 수 있도록 열려 있습니다. 이메일은 보내지 않습니다. 도시를 복귀시키면 탈퇴를 되돌릴 수 있습니다.
secretariat-withdraw-confirm = { $city }의 탈퇴를 확인합니다.

## 전시회 취소
secretariat-cancel-frees-set = 취소하면 { $to }까지 예약된 포스터 세트 { $code }를 다른 전시회에 쓸 수 있게 되고, 주최자에게 이메일 1통을 보냅니다.
secretariat-cancel-frees-set-city = 취소하면 포스터 세트 { $code }를 다른 전시회에 쓸 수 있게 되고, 귀 도시에 확인 이메일 1통이 갑니다.
secretariat-cancel-no-set = 예약된 포스터 세트가 없으므로 해제되는 세트는 없습니다.
secretariat-cancel-dates = { $from } – { $to } 전시회는 완전히 취소되며 다시 열 수 없습니다.
secretariat-cancel-reason = 취소 사유 (저장되어 전시회 페이지에 표시됩니다)
secretariat-cancel-confirm = 확인합니다. 이 전시회를 취소합니다.
secretariat-cancel-reason-required = 취소하지 않았습니다. 취소 사유를 입력하세요.
secretariat-cancel-reason-shown = 취소 사유

## 납부
secretariat-payer = 회원 번호 또는 도시 이름
secretariat-payer-hint = 회원 번호(00042)나 회원 목록에 있는 도시 이름(Ypres, 広島市)을 입력하세요.
secretariat-payer-name-unknown = 이 이름의 회원 도시가 없습니다. 회원 목록에서 철자를 확인하거나 회원 번호를 입력하세요.
secretariat-payer-name-several = 이 이름의 회원 도시가 여럿입니다. 회원 번호를 입력하세요.
secretariat-payment-duplicate = 아직 기록하지 않았습니다. 이 도시가 같은 날 같은 금액을 낸 납부가 이미 장부에 있습니다(영수증 { $receipt }). 다시 기록하면 돈이 두 번 계산되고 그 연도가 초과 납부로 표시됩니다. 도시가 정말 두 번 냈다면 상자에 체크하고 다시 기록하세요.
secretariat-payment-duplicate-ok = 이 도시는 두 번 냈습니다. 두 번째 납부로 기록합니다.
secretariat-overpaid = (회비보다 { $amount } 많음)

## 연도 보고
secretariat-report-for-year = 연도분으로 받은 금액: { $amount }. 언제 들어왔든 이 회계연도의 회비로 계산된 금액으로, 이전 연도의 선납과 나중에 낸 미납분을 포함합니다.
secretariat-report-during-year = 연도 중에 받은 금액: { $amount }. { $period } 사이에 들어온 돈으로, 어느 연도분인지는 묻지 않습니다(아래 통화별 표 참조).
secretariat-report-why-differ = 도시가 미리 또는 늦게 내면 두 금액이 다릅니다. 앞의 것은 연도 회비의 현황을, 뒤의 것은 그 기간에 계좌에 들어온 금액을 보여 줍니다.

## 가입 신청
secretariat-answered = 답변함
secretariat-answer-file = 파일 첨부 (선택)
secretariat-answer-file-hint = 사무국이 요청한 서명된 서한 등의 문서: 5 MB 이하의 PDF, PNG, JPEG.
secretariat-attachment-type = PDF, PNG, JPEG 파일을 첨부하세요.
secretariat-file-size = { $size } KB
secretariat-mail-answered-subject = { $reference }: { $city }이(가) 질문에 답했습니다
secretariat-mail-answered-body = { $city }({ $reference })의 신청자가 사무국의 질문에 답했습니다. 신청은 "답변함" 표시와 함께 심사 목록으로 돌아왔습니다.
secretariat-mail-answered-file = 답변에 파일이 첨부되어 있습니다: { $file }
secretariat-mail-answered-action = 신청 열기
