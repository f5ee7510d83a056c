import type { NewStaffUser } from './staff.types';

/**
 * Demo staff accounts for the embedded default (SEED_DEMO_USERS). The passwords are public
 * (README "Staff accounts"): never seed them into a database real staff use.
 */
export const DEMO_USERS: readonly NewStaffUser[] = [
  { username: 'qa', displayName: '质检员 王静', role: 'qa', password: 'anxin-demo-qa' },
  { username: 'supervisor', displayName: '主管 李强', role: 'supervisor', password: 'anxin-demo-supervisor' },
  { username: 'admin', displayName: '管理员 陈敏', role: 'admin', password: 'anxin-demo-admin' },
  {
    username: 'agent1',
    displayName: '客服 刘洋',
    role: 'agent',
    skills: ['general', 'claims'],
    password: 'anxin-demo-agent1',
  },
  {
    username: 'agent2',
    displayName: '客服 周敏',
    role: 'agent',
    skills: ['general', 'policy', 'sales', 'complaints'],
    password: 'anxin-demo-agent2',
  },
];
