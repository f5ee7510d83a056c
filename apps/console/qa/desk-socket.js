/*
 * The desk's real-time side: one socket.io connection to the namespace /desk per signed-in tab
 * (docs/api/desk.md), opened by the first desk page and kept while the session lasts, so an agent
 * who looks at 「我的质检」 keeps their chats and still hears new offers. closeDeskSocket() on logout.
 * The socket.io client is the server's own (/socket.io/socket.io.js, a classic script in index.html).
 *
 * Offers live here too (not in the page): a new offer plays a short beep (Web Audio, no file) and
 * blinks the tab title until every offer is accepted, withdrawn or expired. Test hook:
 * <html data-offer-alerts="n"> counts the alerts played.
 */
import { session } from './api.js';
import { localDeadline } from './desk-format.js';

const ACK_TIMEOUT_MS = 8000;
const OFFER_FALLBACK_MS = 30000;
const EVENTS = [
  'queue',
  'offer',
  'offer:withdrawn',
  'assigned',
  'unassigned',
  'presence',
  'message',
  'connect',
  'disconnect',
  'connect_error',
];

let socket = null;
let socketToken = null;
let lastError = null;
const listeners = new Map();
/** conversationId → { conversationId, deadline (local ms), expiresAt, skill, reason, priority } */
const offers = new Map();

/** The connection of the signed-in staff member (opened on first use); null without socket.io. */
export function deskSocket() {
  const token = session.token();
  if (!token || typeof window.io !== 'function') return null;
  if (socket && socketToken === token) return socket;
  closeDeskSocket();
  socketToken = token;
  lastError = null;
  socket = window.io('/desk', { auth: { token }, transports: ['websocket'] });
  for (const name of EVENTS) socket.on(name, (payload) => dispatch(name, payload));
  return socket;
}

/** Drops the connection (logout, another account). */
export function closeDeskSocket() {
  if (socket) socket.close();
  socket = null;
  socketToken = null;
  offers.clear();
  stopAlert();
}

/** 'connected' | 'connecting' | 'refused' | 'offline' */
export function connectionState() {
  if (!socket) return 'offline';
  if (socket.connected) return 'connected';
  if (lastError && !socket.active) return 'refused';
  return 'connecting';
}

export function connectionError() {
  return lastError;
}

/** Subscribes to a socket event (or 'offers' for changes of the offer list); returns the unsubscribe. */
export function onDesk(name, fn) {
  if (!listeners.has(name)) listeners.set(name, new Set());
  listeners.get(name).add(fn);
  return () => listeners.get(name).delete(fn);
}

/** Emits a client event; resolves with the ack, rejects with { code, message } when refused. */
export function emitDesk(name, payload) {
  return new Promise((resolve, reject) => {
    if (!socket || !socket.connected) {
      reject({ code: 'NETWORK', message: '与服务器的实时连接已断开，请稍后重试' });
      return;
    }
    socket.timeout(ACK_TIMEOUT_MS).emit(name, payload, (err, ack) => {
      if (err) reject({ code: 'TIMEOUT', message: '服务器响应超时，请稍后重试' });
      else if (ack && ack.error) reject(ack.error);
      else resolve(ack);
    });
  });
}

/** The open offers, soonest deadline first. */
export function currentOffers() {
  return Array.from(offers.values()).sort((a, b) => a.deadline - b.deadline);
}

/** An offer known from GET /api/desk/me (a desk opened while an offer was already out). */
export function seedOffer(offer) {
  if (!offer || offers.has(offer.conversationId)) return;
  addOffer(offer, false);
}

export function dropOffer(conversationId) {
  if (offers.delete(conversationId)) offersChanged();
}

function dispatch(name, payload) {
  if (name === 'connect') lastError = null;
  if (name === 'connect_error') {
    lastError = (payload && payload.data) || { code: 'NETWORK', message: '无法连接服务器' };
  }
  if (name === 'offer' && payload && payload.conversationId) addOffer(payload, true);
  if (name === 'offer:withdrawn' && payload) dropOffer(payload.conversationId);
  if (name === 'assigned' && payload) dropOffer(payload.conversationId);
  for (const fn of Array.from(listeners.get(name) || [])) {
    try {
      fn(payload);
    } catch (error) {
      setTimeout(() => {
        throw error;
      });
    }
  }
}

function addOffer(payload, alert) {
  offers.set(payload.conversationId, {
    conversationId: payload.conversationId,
    expiresAt: payload.expiresAt,
    deadline: localDeadline(payload.expiresAt, OFFER_FALLBACK_MS),
    skill: payload.skill || null,
    reason: payload.reason || null,
    priority: typeof payload.priority === 'number' ? payload.priority : 0,
  });
  if (alert) {
    beep();
    const root = document.documentElement;
    root.dataset.offerAlerts = String((Number(root.dataset.offerAlerts) || 0) + 1);
  }
  offersChanged();
}

function offersChanged() {
  // An offer past its deadline is gone on the server (withdrawn 'expired' follows): drop it here too.
  const now = Date.now();
  for (const [id, offer] of offers) if (offer.deadline < now - 2000) offers.delete(id);
  if (offers.size > 0) startAlert();
  else stopAlert();
  for (const fn of Array.from(listeners.get('offers') || [])) fn(currentOffers());
}

// ─── sound and title ───────────────────────────────────────────────────────────────────────────

let audio = null;

/** Browsers start audio only after a user gesture: call this from a click (the 在线 button). */
export function primeAudio() {
  try {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    if (!audio) audio = new Context();
    if (audio.state === 'suspended') void audio.resume().catch(() => {});
  } catch (_) {
    audio = null;
  }
}

/** Two short tones (880 Hz, then 660 Hz). */
function beep() {
  primeAudio();
  if (!audio) return;
  try {
    const start = audio.currentTime + 0.02;
    [880, 660].forEach((frequency, i) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      const at = start + i * 0.2;
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + 0.2);
    });
  } catch (_) {
    /* no sound: the card and the title still flash */
  }
}

const FLASH_PREFIX = '【新接入请求】';
let flashTimer = null;
let flashOn = false;
let plainTitle = '';

function startAlert() {
  if (flashTimer) return;
  plainTitle = document.title;
  flashTimer = setInterval(() => {
    // The router may have set a new title meanwhile: that is the one to restore.
    if (!document.title.startsWith(FLASH_PREFIX) && document.title !== plainTitle)
      plainTitle = document.title;
    flashOn = !flashOn;
    document.title = flashOn ? FLASH_PREFIX + plainTitle : plainTitle;
    const now = Date.now();
    if (Array.from(offers.values()).every((o) => o.deadline < now - 2000)) offersChanged();
  }, 800);
  document.title = FLASH_PREFIX + plainTitle;
  flashOn = true;
}

function stopAlert() {
  if (!flashTimer) return;
  clearInterval(flashTimer);
  flashTimer = null;
  if (document.title.startsWith(FLASH_PREFIX)) document.title = plainTitle;
  flashOn = false;
}
