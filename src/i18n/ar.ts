// Arabic UI strings (Modern Standard Arabic); the UI lays out right to left for this table.
import type { Table } from './en';

export const ar: Table = [
  'تحدّث معنا', // title
  'فتح المحادثة', // open
  'فتح المحادثة، غير المقروءة: {n}', // openUnread
  'إغلاق المحادثة', // close
  'تصغير المحادثة', // minimize
  'المشاركون', // participants
  'تنزيل نص المحادثة', // transcript
  'إنهاء المحادثة', // endChat
  'هل تريد إنهاء هذه المحادثة؟', // endAsk
  'إنهاء', // end
  'إلغاء', // cancel
  'الاسم الأول', // firstName
  'اسم العائلة', // lastName
  'البريد الإلكتروني', // email
  'رقم الهاتف', // phoneNumber
  'يُرجى إدخال اسمك الأول.', // needName
  'أدخل بريدًا إلكترونيًا مثل name@example.com.', // badEmail
  'بدء المحادثة', // startChat
  'في انتظار موظف الدعم…', // waiting
  'الرسائل', // messages
  'تحميل الرسائل السابقة', // earlier
  'الرسالة', // message
  'إرسال', // send
  'جارٍ الإرسال…', // sending
  'لم تُرسَل', // failed
  'إعادة المحاولة', // retry
  '{name} يكتب…', // typing
  'انضم {name} إلى المحادثة', // joined
  'غادر {name} المحادثة', // leftChat
  'موظف الدعم', // AGENT
  'زائر', // CUSTOMER
  'روبوت', // WORKFLOW
  'قائمة الانتظار', // ACD
  'يطلب موظف الدعم {x}', // media
  'التصفح المشترك', // cobrowse
  'مشاركة شاشتك', // screenshare
  'قبول', // accept
  'رفض', // decline
  'جارٍ إعادة الاتصال…', // reconnecting
  'انتهت المحادثة', // ended
  'بدء محادثة جديدة', // startNew
  'تعذّر الاتصال. حاول مرة أخرى.', // errRetry
  'المحادثة غير متاحة حاليًا.', // errSetup
];
