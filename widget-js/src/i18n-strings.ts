/** The strings the widget shows, by key; every locale lists them in this order. */
export const KEYS = ['open', 'minimise', 'online', 'offline', 'reconnecting', 'message', 'placeholder', 'send', 'sending', 'sent', 'read', 'failed', 'typing', 'agent', 'queue', 'eta', 'prechatTitle', 'start', 'offlineTitle', 'name', 'email', 'leave', 'leftThanks', 'csatTitle', 'comment', 'rate', 'stars', 'rated', 'closed', 'reopened', 'joined', 'newMessage', 'unread', 'unavailable', 'you', 'required'] as const;

export type Key = (typeof KEYS)[number];

/**
 * Each locale is one '|'-separated string in {@link KEYS} order: compact for the size budget, and
 * an empty or missing entry falls back to English. `{0}` is replaced by the argument.
 */
export const STRINGS: Record<string, string> = {
  'en':
    'Open chat|Minimise chat|Online|Offline|Reconnecting…|Message|Write a message…|Send|Sending|Sent|Read|Not sent|{0} is typing…|Agent|You are number {0} in the queue.|Expected wait: about {0} min.|Tell us a little about you|Start chat|We\'re away right now. Leave a message and we\'ll get back to you by email.|Name|Email|Send message|Thanks! We\'ll reply by email.|How was this conversation?|Comment (optional)|Send rating|{0} of 5|Thanks for your feedback!|Conversation closed|Conversation reopened|{0} joined the conversation|New message|{0} unread|Chat is unavailable right now.|You|required',
  'zh-CN':
    '打开聊天|最小化聊天|在线|离线|正在重新连接…|消息|输入消息…|发送|发送中|已发送|已读|未发送|{0} 正在输入…|客服|您在队列中排第 {0} 位。|预计等待约 {0} 分钟。|请先简单介绍一下您自己|开始聊天|我们暂时不在线。请留言，我们会通过电子邮件回复您。|姓名|电子邮件|发送留言|谢谢！我们会通过电子邮件回复您。|您对本次对话满意吗？|评论（可选）|提交评分|{0} 星（共 5 星）|感谢您的反馈！|对话已结束|对话已重新打开|{0} 加入了对话|新消息|{0} 条未读|聊天暂时不可用。|您|必填',
  'ja':
    'チャットを開く|チャットを最小化|オンライン|オフライン|再接続中…|メッセージ|メッセージを入力…|送信|送信中|送信済み|既読|未送信|{0}さんが入力中…|担当者|順番待ち: {0}番目です。|待ち時間の目安: 約{0}分。|はじめに少し教えてください|チャットを開始|ただいま対応できません。メッセージを残していただければ、メールでご連絡します。|お名前|メールアドレス|メッセージを送信|ありがとうございます。メールでご返信します。|この会話はいかがでしたか？|コメント（任意）|評価を送信|5段階中{0}|ご意見ありがとうございます！|会話が終了しました|会話が再開されました|{0}さんが会話に参加しました|新着メッセージ|未読{0}件|現在チャットをご利用いただけません。|あなた|必須',
  'de':
    'Chat öffnen|Chat minimieren|Online|Offline|Verbindung wird wiederhergestellt…|Nachricht|Nachricht schreiben…|Senden|Wird gesendet|Gesendet|Gelesen|Nicht gesendet|{0} schreibt…|Mitarbeiter|Sie sind Nummer {0} in der Warteschlange.|Erwartete Wartezeit: etwa {0} Min.|Erzählen Sie uns kurz etwas über sich|Chat starten|Wir sind gerade nicht da. Hinterlassen Sie eine Nachricht, wir antworten per E-Mail.|Name|E-Mail|Nachricht senden|Danke! Wir antworten Ihnen per E-Mail.|Wie war dieses Gespräch?|Kommentar (optional)|Bewertung senden|{0} von 5|Danke für Ihr Feedback!|Gespräch beendet|Gespräch wieder geöffnet|{0} ist dem Gespräch beigetreten|Neue Nachricht|{0} ungelesen|Der Chat ist gerade nicht verfügbar.|Sie|Pflichtfeld',
  'es':
    'Abrir chat|Minimizar chat|En línea|Desconectado|Reconectando…|Mensaje|Escribe un mensaje…|Enviar|Enviando|Enviado|Leído|No enviado|{0} está escribiendo…|Agente|Eres el número {0} en la cola.|Espera estimada: unos {0} min.|Cuéntanos un poco sobre ti|Iniciar chat|Ahora no estamos disponibles. Déjanos un mensaje y te responderemos por correo electrónico.|Nombre|Correo electrónico|Enviar mensaje|¡Gracias! Te responderemos por correo electrónico.|¿Qué te pareció esta conversación?|Comentario (opcional)|Enviar valoración|{0} de 5|¡Gracias por tu opinión!|Conversación cerrada|Conversación reabierta|{0} se unió a la conversación|Nuevo mensaje|{0} sin leer|El chat no está disponible en este momento.|Tú|obligatorio',
  'fr':
    'Ouvrir le chat|Réduire le chat|En ligne|Hors ligne|Reconnexion…|Message|Écrivez un message…|Envoyer|Envoi en cours|Envoyé|Lu|Non envoyé|{0} est en train d\'écrire…|Conseiller|Vous êtes numéro {0} dans la file d\'attente.|Attente estimée : environ {0} min.|Parlez-nous un peu de vous|Démarrer le chat|Nous sommes absents pour le moment. Laissez un message et nous vous répondrons par e-mail.|Nom|E-mail|Envoyer le message|Merci ! Nous vous répondrons par e-mail.|Comment s\'est passée cette conversation ?|Commentaire (facultatif)|Envoyer la note|{0} sur 5|Merci pour votre avis !|Conversation terminée|Conversation rouverte|{0} a rejoint la conversation|Nouveau message|{0} non lu(s)|Le chat est indisponible pour le moment.|Vous|obligatoire',
};
