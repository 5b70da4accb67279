# Issue #19 items 1, 4, 6 (petitions in several languages, supporters,
# milestones) and issue #18 item 7 (the petition bits).

## The public page
petition-versions-other = 다른 언어:
petition-version-fallback = 이 서명 운동에는 아직 { $language } 판이 없어 원문을 보여 드립니다.
petition-milestones = 이정표
petition-milestone-reached = 서명 { $count }명 달성
report-print-hint = 브라우저의 인쇄 기능으로 이 전달 보고서를 인쇄하거나 PDF 로 저장할 수 있습니다.

## Emails to people who signed (they act for themselves, not for a city)
mail-footer-note-signer = 이 이메일은 저희 웹사이트에서 이 주소로 서명 운동에 서명하셨기 때문에 보내 드립니다. 자동 발송 메일이므로 회신하지 마세요.
mail-footer-note-supporter = 이 이메일은 이 서명 운동에 서명하시고 소식 받기를 원하셨기 때문에 보내 드립니다. 자동 발송 메일이므로 회신하지 마세요.
mail-supporter-open-petition = 서명 운동 페이지
mail-supporter-why = "{ $title }"에 서명하시고 소식 받기를 원하셨습니다.
mail-supporter-unsubscribe = 이 서명 운동의 소식을 더 이상 받지 않으려면: { $link }
mail-milestone-subject = 서명 { $count }명: { $title }
mail-milestone-body = "{ $title }"의 서명이 { $count }명에 이르렀습니다(목표 { $goal }명). 서명해 주시고 주변에도 알려 주셔서 감사합니다.

## The petition form and its versions
petition-original-language = 원문 언어
petition-original-language-hint = 아래의 제목, 요약, 본문이 원문입니다. 다른 언어 판은 서명 운동 페이지에서 추가합니다. 모든 판은 하나의 서명 수를 공유합니다.
petition-summary-field = 요약(선택, 한두 문장)
petition-language-translated = 이 언어의 번역이 있습니다. 먼저 번역을 삭제하세요.
petition-version-is-original = 이 언어는 서명 운동의 원문 언어입니다. 서명 운동 편집에서 바꾸세요.
petition-versions = 언어
petition-versions-complete = 사이트의 모든 언어에 판이 있습니다.
petition-versions-missing = 아직 판이 없는 언어:
petition-version-language = 언어
petition-version-action = 작업
petition-version-original = 원문
petition-version-edit = 번역 편집
petition-version-missing = 번역 없음
petition-version-add = 번역 추가
petition-version-title = { $language } 판
petition-version-original-text = 원문({ $language })
petition-version-remove = 이 번역 삭제
petition-version-remove-hint = 이 언어의 독자에게는 다시 원문이 표시됩니다.
petition-version-saved = 번역을 저장했습니다.
petition-version-removed = 번역을 삭제했습니다.

## Supporters and milestones (staff)
supporters-heading = 지지자
supporters-count = 소식 받기를 원한 지지자: { $count }명
supporters-none = 서명을 확인한 분 가운데 아직 소식 받기를 원한 분이 없습니다. 그런 분이 생기면 소식과 이정표 알림을 보낼 수 있습니다.
supporter-update-hint = 소식을 하나 이상의 언어로 쓰세요. 지지자는 서명한 언어의 판을, 없으면 서명 운동 원문 언어의 판을 받습니다. 모든 메일은 한 번의 클릭으로 수신을 멈출 수 있습니다.
supporter-update-subject = 제목
supporter-update-body = 본문(빈 줄로 문단을 나눕니다)
supporter-update-send = 지지자 { $count }명에게 보내기
supporter-update-sent = 소식을 지지자 { $count }명에게 보냅니다.
supporter-update-incomplete = 쓰는 언어마다 제목과 본문이 모두 필요합니다.
supporter-update-empty = 적어도 한 언어로 소식을 쓰세요.
supporter-update-nobody = 소식 받기를 원한 지지자가 없어 아무것도 보내지 않았습니다.
supporter-updates-sent = 보낸 소식
supporter-updates-none = 아직 보낸 소식이 없습니다. 위에서 쓰거나 이정표를 알리세요.
milestones-none = 아직 달성한 이정표가 없습니다. 서명 수가 이정표(목표 대비 비율 또는 일정 수마다)를 넘으면 집계할 때 기록됩니다.
milestone-announce = 지지자 { $count }명에게 알리기
milestone-announced = { $time } 알림
milestone-already-announced = 이 이정표는 이미 알렸습니다.

## Unsubscribing from a petition's updates
supporter-unsubscribe-title = 서명 운동 소식
supporter-unsubscribe-text = "{ $title }"에 관한 소식 받기를 멈추시겠습니까? 서명은 계속 집계됩니다.
supporter-unsubscribe-button = 소식 받지 않기
supporter-unsubscribed = 앞으로 "{ $title }"에 관한 소식을 보내 드리지 않습니다. 서명은 계속 집계됩니다.

## Audit log
audit-action-petition-translate = 서명 운동 번역 변경
audit-action-petition-supporter-update = 서명 운동 지지자에게 소식 발송
audit-action-petition-supporter-unsubscribe = 지지자가 서명 운동 소식 수신 중지
audit-entity-petition-submission = 서명
