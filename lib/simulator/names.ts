// Who works in the simulated team and who writes to it. Names are as messy as real ones: Cyrillic,
// Latin, emoji, quotes and commas, and one that would be a formula in a spreadsheet.

export interface OperatorSeed {
  name: string;
  email: string;
  admin?: boolean;
  locked?: boolean;
  deleted?: boolean;
  /** Away from the desk: still holds chats, takes no new ones, and wamm.chat shows no activity. */
  onBreak?: boolean;
  /** Relative share of the team's chats; 0 = idle. */
  load: number;
}

export const OPERATORS: readonly OperatorSeed[] = [
  { name: 'Анна Смирнова', email: 'anna@example.ru', admin: true, load: 6 },
  { name: 'Дмитрий Козлов', email: 'dmitry@example.ru', load: 9 },
  { name: 'Екатерина Волкова', email: 'ekaterina@example.ru', load: 7 },
  { name: 'Ольга "Оля" Петрова, старший', email: 'olga@example.ru', load: 8 },
  { name: 'Сергей Иванов', email: 'sergey@example.ru', onBreak: true, load: 5 },
  { name: 'Мария Новикова 🌸', email: 'maria@example.ru', load: 6 },
  { name: 'Алексей Морозов', email: 'alexey@example.ru', load: 4 },
  { name: 'Наталья Соколова', email: 'natalia@example.ru', load: 5 },
  { name: 'Иван Попов', email: 'ivan@example.ru', load: 3 },
  { name: 'Татьяна Лебедева', email: 'tatiana@example.ru', load: 4 },
  { name: 'John Carter', email: 'john@example.com', load: 3 },
  { name: 'Юлия Кузнецова', email: 'yulia@example.ru', load: 5 },
  { name: 'Павел Соловьёв', email: 'pavel@example.ru', load: 2 },
  { name: 'Светлана Васильева', email: 'svetlana@example.ru', load: 4 },
  { name: 'Артём Зайцев', email: 'artem@example.ru', load: 3 },
  { name: 'Elena Fischer', email: 'elena@example.com', load: 2 },
  { name: 'Ксения Павлова', email: 'ksenia@example.ru', load: 3 },
  { name: 'Михаил Семёнов', email: 'mikhail@example.ru', load: 2 },
  { name: 'Виктория Голубева', email: 'viktoria@example.ru', load: 0 },
  { name: 'Роман Виноградов', email: 'roman@example.ru', load: 0 },
  { name: 'Ирина Богданова', email: 'irina@example.ru', locked: true, load: 1 },
  { name: 'Григорий Фёдоров', email: 'grigory@example.ru', locked: true, load: 0 },
  { name: 'Никита Орлов', email: 'nikita@example.ru', load: 0 },
  { name: 'Людмила Киселёва', email: 'lyudmila@example.ru', deleted: true, load: 0 },
  { name: 'Олег Макаров', email: 'oleg@example.ru', deleted: true, load: 0 },
];

/** The deleted operator who still holds a couple of chats in the demo team. */
export const DELETED_WITH_CHATS = 'Олег Макаров';

/** Customers: the people who write to the team. */
export const CUSTOMER_FIRST_NAMES = [
  'Александр', 'Елена', 'Максим', 'Ольга', 'Андрей', 'Марина', 'Владимир', 'Анастасия', 'Игорь', 'Дарья',
  'Николай', 'Полина', 'Евгений', 'Вера', 'Константин', 'Алина', 'Tom', 'Sarah', 'Ahmed', 'Li',
] as const;

export const CUSTOMER_LAST_NAMES = [
  'Смирнов', 'Кузнецова', 'Попов', 'Васильева', 'Петров', 'Соколова', 'Михайлов', 'Новикова', 'Фёдоров',
  'Морозова', 'Волков', 'Алексеева', 'Лебедев', 'Семёнова', 'Егоров', 'Baker', 'Khan', 'Wang',
] as const;

/** Chat names that test how names travel: quotes, commas, markup, newlines, emoji, spreadsheet-formula starts, none at all. */
export const ODD_CHAT_NAMES = [
  'ООО "Ромашка", отдел закупок',
  'Смирнов, Иван',
  '=HYPERLINK("http://example.com","click")',
  '=1+2',
  '+7 (916) 000-00-00',
  '-минус в начале',
  '@support_bot',
  'Мама 💐',
  'Lucía Fernández',
  '<b>Жирный</b> клиент',
  '🚚 Доставка 24/7',
  'Иван\nвторая строка',
  '',
] as const;

export const NICKNAMES = ['ivan_petrov', 'olga.k', 'kate_shop', 'max99', 'anna_m', 'dev_null', 'sunny', 'pavel_b', 'lena_art', 'boris_t'] as const;
