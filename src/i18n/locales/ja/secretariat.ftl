# 確認、分担金、加盟申請（issue #18 項目2〜4）

secretariat-confirm-missing = 実行されていません。何が起こるかを確認するチェックボックスにチェックを入れてから、もう一度お試しください。
secretariat-not-set = 未設定

## 分担金のご案内
secretariat-reminders-confirm = { $year }のご案内 { $number } 通を、{ $languages } 言語でいまメール送信します。
secretariat-reminders-changed = 送信されていません。ページを表示した後で、ご案内の対象都市数が変わりました。新しい数を確認して、もう一度確認してください。
secretariat-reminders-need-contact = 管理者が下に会の口座情報と問い合わせ先を入力するまで、ご案内は送信できません。
secretariat-payment-contact-title = ご案内に記載する口座情報と問い合わせ先
secretariat-payment-contact-intro = すべてのご案内にこれらが記載され、各都市の会計担当者が送金でき、問い合わせ先がわかるようにします。
secretariat-bank-details = 会の口座情報
secretariat-contact-address = お問い合わせ先メールアドレス
secretariat-payment-contact-invalid = 口座情報と有効なメールアドレスを入力してください。
secretariat-payment-contact-saved = 口座情報と問い合わせ先を保存しました。
secretariat-mail-reminder-bank = 銀行振込でご協力いただく場合の振込先：
secretariat-mail-reminder-contact = 分担金についてのご質問は { $address } までお寄せください。喜んでお答えします。
secretariat-mail-footer-replies = 貴市の加盟に関してこのメールをお送りしています。このメールに返信するか、上記の問い合わせ先までご連絡ください。

## 加盟登録
secretariat-registration-confirm = { $number } 都市を { $date } から加盟都市として登録し、認定証付きの歓迎メールを { $emails } 通送信します。
secretariat-registration-changed = 登録されていません。ページを表示した後で、承認済みの申請一覧が変わりました。一覧を確認して、もう一度確認してください。
secretariat-registration-last-run = 直近の登録で加盟した都市（{ $date } から加盟）
secretariat-registration-last-run-empty = 直近の登録では加盟した都市はありません。申請一覧で申請を承認すると、次回の登録までここで待ちます。
secretariat-certificate = 認定証

## 脱退
secretariat-withdraw-consequences = { $city } は、下の日付から公開の加盟都市一覧から外れます。担っている役職 { $roles } 件はその日付で終了します。利用者アカウント { $users } 件は、都市の履歴を見られるよう開いたままになります。メールは送信されません。都市を再加盟させることで脱退を取り消せます。
secretariat-withdraw-confirm = { $city } の脱退を確認します。

## 展示会の中止
secretariat-cancel-frees-set = 中止すると、{ $to } まで予約されているポスターセット { $code } がほかの展示会に使えるようになり、主催者にメールを 1 通送ります。
secretariat-cancel-frees-set-city = 中止すると、ポスターセット { $code } がほかの展示会に使えるようになり、貴市に確認のメールが 1 通届きます。
secretariat-cancel-no-set = ポスターセットは予約されていないため、解放されるセットはありません。
secretariat-cancel-dates = { $from } – { $to } の展示会は完全に中止され、再開できません。
secretariat-cancel-reason = 中止の理由（保存され、展示会のページに表示されます）
secretariat-cancel-confirm = 確認しました。この展示会を中止します。
secretariat-cancel-reason-required = 中止されていません。中止の理由を入力してください。
secretariat-cancel-reason-shown = 中止の理由

## 入金
secretariat-payer = 加盟番号または都市名
secretariat-payer-hint = 加盟番号（00042）か、加盟都市一覧にある都市名（Ypres、広島市）を入力してください。
secretariat-payer-name-unknown = この名前の加盟都市はありません。加盟都市一覧で綴りを確かめるか、加盟番号を入力してください。
secretariat-payer-name-several = この名前の加盟都市が複数あります。加盟番号を入力してください。
secretariat-payment-duplicate = まだ記録されていません。この都市から同じ日に同じ金額の入金がすでに記録されています（領収書 { $receipt }）。もう一度記録すると二重に計上され、その年度が過払いと表示されます。本当に二度支払われた場合は、チェックを入れてもう一度記録してください。
secretariat-payment-duplicate-ok = この都市は二度支払いました。2回目の入金として記録します。
secretariat-overpaid = （分担金より { $amount } 多い）

## 年度報告
secretariat-report-for-year = 年度分として受領：{ $amount }。入金の時期にかかわらず、この年度の分担金として計上された額です。前年度以前の前払いや、後から支払われた未納分も含みます。
secretariat-report-during-year = 年度中に受領：{ $amount }。{ $period } の間に入金された額で、どの年度分かは問いません（下の通貨別の表を参照）。
secretariat-report-why-differ = 都市が前払いや後払いをすると、二つの額は異なります。前者は年度の分担金の状況を、後者はその期間に口座に入った額を示します。

## 加盟申請
secretariat-answered = 回答あり
secretariat-answer-file = ファイルを添付（任意）
secretariat-answer-file-hint = 事務局が求めた署名入りの書簡などの書類：5 MB 以下の PDF、PNG、JPEG。
secretariat-attachment-type = PDF、PNG、JPEG のファイルを添付してください。
secretariat-file-size = { $size } KB
secretariat-mail-answered-subject = { $reference }：{ $city } から質問への回答がありました
secretariat-mail-answered-body = { $city }（{ $reference }）の申請者が事務局の質問に回答しました。申請は「回答あり」の印を付けて審査一覧に戻りました。
secretariat-mail-answered-file = 回答にはファイルが添付されています：{ $file }
secretariat-mail-answered-action = 申請を開く
