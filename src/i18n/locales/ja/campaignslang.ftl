## キャンペーンの多言語版（issue #19 item 2）と送信前の確認
campaign-status-sent = 送信済み
campaign-list-empty = キャンペーンはまだありません。「新しいキャンペーン」から作成してください。
campaign-language = この文面の言語
campaign-language-hint = 各都市には自分の言語の版が届きます。その言語の版がない都市にはこの文面が届きます。ほかの言語の版はキャンペーンのページで追加できます。
campaign-language-has-version = この言語の版はすでにあります。先にその版を削除するか、別の言語を選んでください。
campaign-versions = 言語別の版
campaign-versions-hint = 各都市には自分の言語の版が届きます。その言語の版がない場合は既定の版（{ $language }）が届きます。
campaign-version-language = 都市の言語
campaign-version-cities = 都市数
campaign-version-gets = 届く版
campaign-version-actions = 操作
campaign-version-city-count = { $count ->
   *[other] { $count } 都市
}
campaign-version-default = 既定の版
campaign-version-own = この言語の版
campaign-version-missing = 版がまだありません：既定の版（{ $language }）が届きます
campaign-version-edit = この版を編集
campaign-version-write = この言語の版を書く
campaign-version-test-send = この版のテストを自分に送信
campaign-version-others = { $count ->
   *[other] { $count } 都市はインストールされていない言語を使っているため、既定の版が届きます。
}
campaign-version-add = 次の言語の版を追加：
campaign-version-placeholder-broken = いずれかの版で差し込み項目が壊れています（版の一覧に表示）。直すまでキャンペーンは送信できません。
campaign-version-is-default = これはキャンペーン本体の言語です。キャンペーンそのものを編集してください。
campaign-version-title = { $language }版
campaign-version-original = 既定の版（{ $language }）
campaign-version-saved = 版を保存しました。
campaign-version-remove = この版を削除
campaign-version-remove-hint = 削除すると、この言語の都市には既定の版（{ $language }）が届きます。
campaign-version-removed = 版を削除しました。この言語の都市には既定の版が届きます。
campaign-confirm-title = キャンペーンを送信しますか？
campaign-confirm-send = { $count } 都市に { $languages } 言語で送信
campaign-confirm-share = { $language }：{ $count } 都市に { $version }版が届きます
campaign-confirm-approval = 承認の基準数を超えています。送信前に別の管理者の承認が必要です。
campaign-confirm-final = 送信したメッセージは取り消せません。まだ送られていない分は一時停止や中止ができます。
campaign-confirm-back = キャンペーンに戻る

## 読み手の言語の文面（issue #19 item 5）
exh-home-location = 広島平和文化センター
