map-members-heading = 地図で見る加盟都市
map-members-label = 国別の加盟都市（活動中）の世界地図
map-signatures-label = 国別の署名数の世界地図
map-empty = 地図に表示するものはまだありません。国ごとの数が集まると表示されます。
map-legend = 凡例：
map-none = なし
map-unmapped = 地図にない国・地域：
map-table-caption = 国・地域別の加盟都市（活動中）
