// Japanese UI strings (polite です/ます form; "{name}さん" as Japanese support chats address people).
import type { Table } from './en';

export const ja: Table = [
  'チャットでお問い合わせ', // title
  'チャットを開く', // open
  'チャットを開く（未読 {n} 件）', // openUnread
  'チャットを閉じる', // close
  'チャットを最小化', // minimize
  '参加者', // participants
  '会話履歴をダウンロード', // transcript
  'チャットを終了', // endChat
  'このチャットを終了しますか？', // endAsk
  '終了', // end
  'キャンセル', // cancel
  '名', // firstName
  '姓', // lastName
  'メールアドレス', // email
  '電話番号', // phoneNumber
  '名を入力してください。', // needName
  'name@example.com の形式で入力してください。', // badEmail
  'チャットを開始', // startChat
  '担当者をお待ちください…', // waiting
  'メッセージ', // messages
  '以前のメッセージを読み込む', // earlier
  'メッセージ', // message
  '送信', // send
  '送信中…', // sending
  '送信できませんでした', // failed
  '再送信', // retry
  '{name}さんが入力中…', // typing
  '{name}さんが参加しました', // joined
  '{name}さんが退出しました', // leftChat
  '担当者', // AGENT
  'ゲスト', // CUSTOMER
  'ボット', // WORKFLOW
  'キュー', // ACD
  '担当者が{x}をリクエストしています', // media
  'コブラウズ', // cobrowse
  '画面共有', // screenshare
  '許可', // accept
  '拒否', // decline
  '再接続しています…', // reconnecting
  'チャットは終了しました', // ended
  '新しいチャットを開始', // startNew
  '接続できませんでした。もう一度お試しください。', // errRetry
  '現在チャットはご利用いただけません。', // errSetup
];
