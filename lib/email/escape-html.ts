/** Text made safe to put inside an email's HTML (the plain-text part takes it as it is). */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
