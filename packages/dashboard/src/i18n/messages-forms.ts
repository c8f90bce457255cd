/** The names of the forms of commendation, by the API's CommendationForm. */
export const formsVi: Record<string, string> = {
  GOVERNMENT_EMULATION_FLAG: 'Cờ thi đua của Chính phủ',
  // The ministry changes with the date (Bộ TT&TT, from 2025-03-01 Bộ KH&CN): each award shows its own issuer.
  MINISTRY_EMULATION_FLAG: 'Cờ thi đua của Bộ',
  PROVINCE_EMULATION_FLAG: 'Cờ thi đua của UBND tỉnh',
  PRIME_MINISTER_CERTIFICATE: 'Bằng khen của Thủ tướng Chính phủ',
  MINISTRY_CERTIFICATE: 'Bằng khen của Bộ trưởng',
  PROVINCE_CERTIFICATE: 'Bằng khen của Chủ tịch UBND tỉnh',
  DEPARTMENT_CERTIFICATE: 'Giấy khen của Giám đốc Sở',
  EXCELLENT_LABOUR_COLLECTIVE: 'Tập thể lao động xuất sắc',
  EMULATION_FIGHTER: 'Chiến sĩ thi đua',
  ADVANCED_MODEL: 'Điển hình tiên tiến',
};

export const formsEn: Record<string, string> = {
  GOVERNMENT_EMULATION_FLAG: 'Government Emulation Flag',
  MINISTRY_EMULATION_FLAG: 'Ministry Emulation Flag',
  PROVINCE_EMULATION_FLAG: 'Provincial Emulation Flag',
  PRIME_MINISTER_CERTIFICATE: 'Certificate of Merit of the Prime Minister',
  MINISTRY_CERTIFICATE: 'Certificate of Merit of the Minister',
  PROVINCE_CERTIFICATE: 'Certificate of Merit of the provincial chairman',
  DEPARTMENT_CERTIFICATE: 'Certificate of commendation (department director)',
  EXCELLENT_LABOUR_COLLECTIVE: 'Excellent Labour Collective',
  EMULATION_FIGHTER: 'Emulation Fighter',
  ADVANCED_MODEL: 'Advanced model',
};
