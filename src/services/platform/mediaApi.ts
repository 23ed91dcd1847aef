import Taro from '@tarojs/taro'

/**
 * Taro's H5 media calls, loaded by media.ts on first use: chooseMedia brings Taro's system-info code and
 * the `platform` user-agent parser (~25 KB minified), which the first screen does not need.
 */
export const chooseMedia = (option: Taro.chooseMedia.Option) => Taro.chooseMedia(option)
export const uploadFile = (option: Taro.uploadFile.Option) => Taro.uploadFile(option)
