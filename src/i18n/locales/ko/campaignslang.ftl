## 캠페인의 언어별 버전(issue #19 item 2)과 발송 전 확인
campaign-status-sent = 발송 완료
campaign-list-empty = 아직 캠페인이 없습니다. '새 캠페인'으로 작성하세요.
campaign-language = 이 글의 언어
campaign-language-hint = 각 도시는 자기 언어의 버전을 받습니다. 그 언어의 버전이 없는 도시는 이 글을 받습니다. 다른 언어의 버전은 캠페인 페이지에서 추가합니다.
campaign-language-has-version = 이 언어의 버전이 이미 있습니다. 먼저 그 버전을 삭제하거나 다른 언어를 선택하세요.
campaign-versions = 언어별 버전
campaign-versions-hint = 각 도시는 자기 언어의 버전을 받고, 그 언어의 버전이 없으면 기본 버전({ $language })을 받습니다.
campaign-version-language = 도시의 언어
campaign-version-cities = 도시 수
campaign-version-gets = 받는 버전
campaign-version-actions = 작업
campaign-version-city-count = { $count ->
   *[other] { $count }개 도시
}
campaign-version-default = 기본 버전
campaign-version-own = 이 언어의 버전
campaign-version-missing = 아직 버전이 없습니다: 기본 버전({ $language })을 받습니다
campaign-version-edit = 이 버전 편집
campaign-version-write = 이 언어의 버전 작성
campaign-version-test-send = 이 버전의 테스트를 나에게 보내기
campaign-version-others = { $count ->
   *[other] { $count }개 도시는 설치되지 않은 언어를 사용하므로 기본 버전을 받습니다.
}
campaign-version-add = 다음 언어의 버전 추가:
campaign-version-placeholder-broken = 어느 버전에서 자리 표시자가 잘못되어 있습니다(버전 표에 표시). 고치기 전에는 캠페인을 발송할 수 없습니다.
campaign-version-is-default = 이 언어는 캠페인 본문의 언어입니다. 캠페인 자체를 편집하세요.
campaign-version-title = { $language } 버전
campaign-version-original = 기본 버전({ $language })
campaign-version-saved = 버전을 저장했습니다.
campaign-version-remove = 이 버전 삭제
campaign-version-remove-hint = 삭제하면 이 언어의 도시는 기본 버전({ $language })을 받습니다.
campaign-version-removed = 버전을 삭제했습니다. 이 언어의 도시는 기본 버전을 받습니다.
campaign-confirm-title = 캠페인을 발송할까요?
campaign-confirm-send = { $count }개 도시에 { $languages }개 언어로 발송
campaign-confirm-share = { $language }: { $count }개 도시가 { $version } 버전을 받습니다
campaign-confirm-approval = 승인 기준 수를 넘습니다. 발송 전에 다른 관리자의 승인이 필요합니다.
campaign-confirm-final = 발송한 메시지는 되돌릴 수 없습니다. 아직 나가지 않은 메시지는 일시 중지하거나 취소할 수 있습니다.
campaign-confirm-back = 캠페인으로 돌아가기

## 읽는 사람의 언어로 된 글(issue #19 item 5)
exh-home-location = 히로시마평화문화센터
